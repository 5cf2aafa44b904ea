import { PrismaPg } from '@prisma/adapter-pg';
import { Client, Pool } from 'pg';
import type { DatabaseDriver, SqlSession, VectorSearchSettings } from './database-driver';
import { vectorSearchParameters } from './database-driver';

export interface PostgresDriverOptions extends VectorSearchSettings {
  url: string;
  poolMax: number;
  onIdleError: (error: Error) => void;
}

/** How long a dropped LISTEN connection waits before connecting again. */
const RELISTEN_DELAY_MS = 1_000;

export function createPostgresDriver(options: PostgresDriverOptions): DatabaseDriver {
  const startupOptions = Object.entries(vectorSearchParameters(options))
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolMax,
    // Idle connections stay open (pg closes them after 10 s unless told otherwise): a new server
    // process maps the shared buffers it reads page by page, and at 200,000 chunks its KNN
    // searches 21-40 still took 3x as long as a warm process's (4 kB pages; docs/benchmarks.md).
    idleTimeoutMillis: 0,
    application_name: 'docent',
    options: startupOptions,
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', options.onIdleError);

  return {
    kind: 'postgres',
    adapter: new PrismaPg(pool),
    async withSession(work) {
      const client = await pool.connect();
      const session: SqlSession = {
        exec: async (script) => {
          await client.query(script);
        },
        query: async <Row>(sql: string, params: readonly unknown[] = []) =>
          (await client.query(sql, params as unknown[])).rows as Row[],
      };
      try {
        return await work(session);
      } finally {
        client.release();
      }
    },
    listen: (channel, onPayload) => listenOn(options, channel, onPayload),
    close: () => pool.end(),
  };
}

/**
 * A connection of its own (a pooled one would be handed to queries), connected again a second
 * after it drops; notifications sent while it was down are lost, which listeners accept.
 */
async function listenOn(options: PostgresDriverOptions, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: Client | undefined;
  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: options.url, application_name: 'docent-listen' });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on('error', (error) => {
      options.onIdleError(error);
      void next.end().catch(() => undefined);
      if (!stopped) setTimeout(() => void connect().catch(options.onIdleError), RELISTEN_DELAY_MS).unref();
    });
    await next.connect();
    await next.query(`LISTEN ${quoteIdentifier(channel)}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end();
  };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
