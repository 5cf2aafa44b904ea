import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import type { DatabaseDriver, SqlSession, VectorSearchSettings } from './database-driver';
import { vectorSearchParameters } from './database-driver';

export interface PostgresDriverOptions extends VectorSearchSettings {
  url: string;
  poolMax: number;
  onIdleError: (error: Error) => void;
}

export function createPostgresDriver(options: PostgresDriverOptions): DatabaseDriver {
  const startupOptions = Object.entries(vectorSearchParameters(options))
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  const pool = new Pool({ connectionString: options.url, max: options.poolMax, application_name: 'docent', options: startupOptions });
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
    close: () => pool.end(),
  };
}
