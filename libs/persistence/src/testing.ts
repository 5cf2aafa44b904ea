// Test support for suites that need a real database: the embedded PGlite always, and the
// PostgreSQL server at TEST_DATABASE_URL when it is set. Each `open()` gets a database of its own.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { type Database, type DatabaseOptions, IN_MEMORY, driverOf, openDatabase } from './database';
import type { SqlSession } from './connection/database-driver';

export interface TestDatabaseTarget {
  readonly name: 'pglite' | 'postgres';
  /** A fresh database; on PostgreSQL `url` reaches it from other processes too. */
  open(options?: Omit<DatabaseOptions, 'url' | 'dataDir'>): Promise<Database & { url?: string }>;
}

export function testDatabaseTargets(): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [{ name: 'pglite', open: (options) => openDatabase({ ...options, dataDir: IN_MEMORY }) }];
  const serverUrl = process.env['TEST_DATABASE_URL'];
  if (serverUrl) targets.push({ name: 'postgres', open: (options) => openScratchPostgres(serverUrl, options) });
  return targets;
}

/** Creates a fresh database on the server, and drops it again on close. */
async function openScratchPostgres(serverUrl: string, options: Omit<DatabaseOptions, 'url' | 'dataDir'> = {}): Promise<Database & { url: string }> {
  const name = `docent_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ ...options, url: url.toString(), poolMax: options.poolMax ?? 4 });
  const close = database.close;
  return Object.assign(database, {
    url: url.toString(),
    close: async () => {
      await close();
      await withAdminClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  });
}

async function withAdminClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Deletes every user and, by cascade, everything they own: isolation between the tests of a suite. */
export async function resetDatabase(database: Database): Promise<void> {
  await runSql(database, (session) => session.exec('TRUNCATE users CASCADE'));
}

/** Raw SQL on one connection, for assertions a repository does not offer (EXPLAIN, catalog reads). */
export function runSql<T>(database: Database, work: (session: SqlSession) => Promise<T>): Promise<T> {
  return driverOf(database).withSession(work);
}

export type { SqlSession };
