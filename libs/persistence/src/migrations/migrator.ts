import { randomUUID } from 'node:crypto';
import type { SqlSession } from '../connection/database-driver';
import { MigrationError } from '../errors';
import type { Logger } from '@docent/common';
import type { MigrationFile } from './migration-files';

/**
 * Prisma Migrate's own bookkeeping table, so that `prisma migrate deploy` (where its native
 * engine is available) and this runner agree on what has been applied.
 */
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id                  VARCHAR(36) PRIMARY KEY NOT NULL,
  checksum            VARCHAR(64) NOT NULL,
  finished_at         TIMESTAMPTZ,
  migration_name      VARCHAR(255) NOT NULL,
  logs                TEXT,
  rolled_back_at      TIMESTAMPTZ,
  started_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  applied_steps_count INTEGER NOT NULL DEFAULT 0
)`;

/** Serializes concurrent start-ups of several processes against one database. */
const MIGRATION_LOCK_KEY = 7_240_811_001;

interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(session: SqlSession, files: readonly MigrationFile[], logger: Logger): Promise<MigrationReport> {
  await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await session.exec(CREATE_HISTORY_TABLE);
    const pending = pendingMigrations(files, await readHistory(session));
    for (const file of pending) {
      await apply(session, file);
      logger.info({ migration: file.name }, 'applied database migration');
    }
    return { applied: pending.map((file) => file.name), alreadyApplied: files.length - pending.length };
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

/**
 * The migrations not yet applied, without changing anything (for readiness checks). Throws
 * MigrationError when history and files disagree.
 */
export async function listPendingMigrations(session: SqlSession, files: readonly MigrationFile[]): Promise<string[]> {
  const [table] = await session.query<{ name: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS name");
  if (!table?.name) return files.map((file) => file.name);
  return pendingMigrations(files, await readHistory(session)).map((file) => file.name);
}

function readHistory(session: SqlSession): Promise<AppliedMigration[]> {
  return session.query<AppliedMigration>('SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY started_at');
}

/** Refuses to go on when history and files disagree: an edited, unfinished or missing migration. */
function pendingMigrations(files: readonly MigrationFile[], history: readonly AppliedMigration[]): MigrationFile[] {
  const byName = new Map(files.map((file) => [file.name, file]));
  const applied = new Set<string>();
  for (const record of history) {
    const file = byName.get(record.migration_name);
    if (record.finished_at === null) {
      throw new MigrationError(
        `Migration ${record.migration_name} started but never finished; repair the database by hand, then delete its row from _prisma_migrations`,
      );
    }
    if (!file) {
      throw new MigrationError(`Migration ${record.migration_name} is applied to the database but missing from the migrations folder`);
    }
    if (file.checksum !== record.checksum) {
      throw new MigrationError(
        `Migration ${record.migration_name} was edited after it was applied (recorded checksum ${record.checksum.slice(0, 12)}…, ` +
          `file now ${file.checksum.slice(0, 12)}…). Restore the original file and put the change in a new migration.`,
      );
    }
    applied.add(record.migration_name);
  }
  return files.filter((file) => !applied.has(file.name));
}

/** Each migration and its history row commit together, or not at all. */
async function apply(session: SqlSession, file: MigrationFile): Promise<void> {
  await session.exec('BEGIN');
  try {
    await session.exec(file.sql);
    await session.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), file.checksum, file.name],
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    throw new MigrationError(`Migration ${file.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
