import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseDriver, SqlSession, VectorSearchSettings } from './database-driver';
import { vectorSearchParameters } from './database-driver';
import { lockDataDir } from './data-dir-lock';
import { startAutoAnalyze } from './pglite-auto-analyze';

export const IN_MEMORY = 'memory://';

export interface PgliteDriverOptions extends VectorSearchSettings {
  /** A directory to persist to, or `memory://` for a throwaway database. */
  dataDir: string;
  /** PostgreSQL's page cache inside the WebAssembly heap, in MB (see DatabaseOptions.pgliteSharedBuffersMb). */
  sharedBuffersMb: number;
  /** How often to look for tables with stale planner statistics (see pglite-auto-analyze). */
  autoAnalyzeIntervalMs: number;
  onMaintenanceError: (error: unknown) => void;
}

/** Runs initdb in a child process (see pglite-initdb.mjs), so its memory is not this process's. */
async function createDataDir(dataDir: string): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, [path.join(__dirname, 'pglite-initdb.mjs'), dataDir]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Creating the embedded database in ${dataDir} failed${stderr ? `: ${stderr}` : ''}`, { cause: error });
  }
}

export async function createPgliteDriver(options: PgliteDriverOptions): Promise<DatabaseDriver> {
  let lock: { release(): void } | undefined;
  let pglite: PGlite;
  try {
    if (options.dataDir !== IN_MEMORY) {
      mkdirSync(options.dataDir, { recursive: true });
      lock = lockDataDir(options.dataDir);
      if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await createDataDir(options.dataDir);
    }
    pglite = await PGlite.create(options.dataDir, {
      extensions: { vector },
      // As a command-line setting, so postgresql.conf in the data directory stays as initdb wrote it.
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffersMb}MB`],
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  for (const [name, value] of Object.entries(vectorSearchParameters(options))) {
    await pglite.query('SELECT set_config($1, $2, false)', [name, value]);
  }

  // PGlite is a single connection: every session is that connection.
  const session: SqlSession = {
    exec: async (script) => {
      await pglite.exec(script);
    },
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await pglite.query<Row>(sql, params as unknown[])).rows,
  };

  const autoAnalyze = startAutoAnalyze(session, options.autoAnalyzeIntervalMs, options.onMaintenanceError);

  return {
    kind: 'pglite',
    adapter: new PrismaPGlite(pglite),
    withSession: (work) => work(session),
    // PGlite delivers its own NOTIFYs in process, once their transaction commits.
    listen: (channel, onPayload) => pglite.listen(channel, onPayload),
    close: async () => {
      await autoAnalyze.stop();
      await pglite.close();
      lock?.release();
    },
  };
}
