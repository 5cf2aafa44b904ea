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

/**
 * Of the READY documents, how many have a whole set of one model's chunks (ordinals exactly
 * 0..n-1: none lost, none duplicated), and how many tasks of that model are left.
 */
export async function wholeDocuments(database: Database, modelId: number): Promise<{ documents: number; whole: number; tasks: number }> {
  const [row] = await runSql(database, (sql) =>
    sql.query<{ documents: number; whole: number; tasks: number }>(
      `SELECT count(*)::int AS documents,
              count(*) FILTER (WHERE n > 0 AND n = max_ordinal + 1 AND n = distinct_ordinals)::int AS whole,
              (SELECT count(*)::int FROM embedding_tasks WHERE model_id = $1) AS tasks
       FROM (SELECT d.id, count(c.id) AS n, max(c.ordinal) AS max_ordinal, count(DISTINCT c.ordinal) AS distinct_ordinals
             FROM documents d LEFT JOIN chunks c ON c.document_id = d.id AND c.model_id = $1
             WHERE d.status = 'READY' GROUP BY d.id) per_document`,
      [modelId],
    ),
  );
  return row ?? { documents: 0, whole: 0, tasks: 0 };
}

export type { SqlSession };

/** Where a user's documents go when they name no collection: for creating documents directly in a test. */
export async function inDefaultCollection(database: Database, userId: string): Promise<{ ownerId: string; collectionId: string }> {
  const collection = await database.collections.findDefault(userId);
  if (!collection) throw new Error(`User ${userId} has no default collection`);
  return { ownerId: userId, collectionId: collection.id };
}
