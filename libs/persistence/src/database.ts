import path from 'node:path';
import { type ChunkImportOptions, importChunks } from './chunk-import';
import type { DatabaseDriver } from './connection/database-driver';
import { IN_MEMORY, createPgliteDriver } from './connection/pglite-driver';
import { createPostgresDriver } from './connection/postgres-driver';
import { PrismaClient } from './generated/prisma/client';
import { type Logger, silentLogger } from '@docent/common';
import { findMigrationsDir, readMigrationFiles } from './migrations/migration-files';
import { type MigrationReport, listPendingMigrations, migrate } from './migrations/migrator';
import { CorpusStatisticsCache } from './repositories/corpus-statistics';
import { type Repositories, type RepositoryContext, createRepositories } from './repositories/repositories';
import { DEFAULT_PGLITE_SHARED_BUFFERS_MB } from './database-config';
import { DEFAULT_INDEX_GRAPH, assertIndexGraph } from './index-graph';
import type { ChunkImportReport, DocumentStatusEvent, IndexGraph, IndexPrecision, NewChunk } from './types';

export { IN_MEMORY };

export interface DatabaseOptions {
  /** A PostgreSQL URL. Without one, Docent uses the embedded PGlite database. */
  url?: string;
  /** PGlite's data directory (default `.docent/pgdata` under the working directory), or `memory://`. */
  dataDir?: string;
  /** Most connections the PostgreSQL pool opens (default 10). */
  poolMax?: number;
  /** HNSW candidate list size for vector search (default 100). */
  efSearch?: number;
  /** The precision of the HNSW index of every model registered through this database (default `full`). */
  indexPrecision?: IndexPrecision;
  /** How the HNSW graph of every model registered through this database is built (default pgvector's, m 16, ef_construction 64). */
  indexGraph?: IndexGraph;
  /**
   * PGlite only: PostgreSQL's page cache, in MB (default 32). All of it is resident from the
   * start, in a WebAssembly heap that never shrinks; pages it does not hold are read from the
   * operating system's file cache.
   */
  pgliteSharedBuffersMb?: number;
  /** PGlite only: how often to refresh stale planner statistics, as autovacuum would (default 10 s). */
  autoAnalyzeIntervalMs?: number;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  migrationsDir?: string;
  logger?: Logger;
}

export interface TransactionOptions {
  /** How long the transaction may run; Prisma's default of 5 s is short for large chunk batches on PGlite. */
  timeoutMs?: number;
}

export interface Database extends Repositories {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction: it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (repositories: Repositories) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Applies pending migrations; refuses to start on an edited or half-applied one. */
  migrate(): Promise<MigrationReport>;
  /** The migrations in the folder that the database has not applied (another deployment may be ahead or behind). */
  pendingMigrations(): Promise<string[]>;
  /**
   * Calls `onEvent` with every document status change committed on this database, by any
   * process, until the returned stop is called. Unfiltered: callers decide who may see what.
   */
  watchDocumentStatus(onEvent: (event: DocumentStatusEvent) => void): Promise<() => Promise<void>>;
  /**
   * Bulk load of one model's chunks, several times faster than `chunks.insertMany` at scale:
   * the model's index is dropped, each batch written as one statement, and the index built
   * once at the end. For a model nobody searches yet; see chunk-import.ts.
   */
  importChunks(
    modelId: number,
    batches: Iterable<readonly NewChunk[]> | AsyncIterable<readonly NewChunk[]>,
    options?: ChunkImportOptions,
  ): Promise<ChunkImportReport>;
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The channel the documents_notify_status trigger announces on (migration 20261202030000). */
const DOCUMENT_STATUS_CHANNEL = 'docent_document_status';

export const DEFAULT_DATA_DIR = path.join('.docent', 'pgdata');

/** The driver behind each open database, for this lib's test support; not part of the public API. */
const drivers = new WeakMap<Database, DatabaseDriver>();

export function driverOf(database: Database): DatabaseDriver {
  const driver = drivers.get(database);
  if (!driver) throw new Error('Not a database opened by openDatabase');
  return driver;
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const logger = options.logger ?? silentLogger;
  const efSearch = options.efSearch ?? 100;
  const indexGraph = assertIndexGraph({ ...DEFAULT_INDEX_GRAPH, ...options.indexGraph });
  const driver: DatabaseDriver = options.url
    ? createPostgresDriver({
        url: options.url,
        poolMax: options.poolMax ?? 10,
        efSearch,
        onIdleError: (error) => logger.warn({ err: error }, 'idle database connection failed'),
      })
    : await createPgliteDriver({
        dataDir: resolveDataDir(options.dataDir),
        sharedBuffersMb: options.pgliteSharedBuffersMb ?? DEFAULT_PGLITE_SHARED_BUFFERS_MB,
        efSearch,
        autoAnalyzeIntervalMs: options.autoAnalyzeIntervalMs ?? 10_000,
        onMaintenanceError: (error) => logger.warn({ err: error }, 'refreshing planner statistics failed'),
      });

  const prisma = new PrismaClient({ adapter: driver.adapter });
  const context: RepositoryContext = {
    modelCache: new Map(),
    corpusStatistics: new CorpusStatisticsCache(),
    indexPrecision: options.indexPrecision ?? 'full',
    indexGraph,
  };
  const migrationsDir = options.migrationsDir ?? findMigrationsDir();
  // Other processes are kept out by an advisory lock; calls within this process queue here,
  // since PGlite's single session would let them through the lock together.
  let migrations: Promise<unknown> = Promise.resolve();
  const runMigrations = () => {
    const run = migrations.then(() =>
      driver.withSession((session) => migrate(session, readMigrationFiles(migrationsDir), logger)),
    );
    migrations = run.catch(() => undefined);
    return run;
  };

  const database: Database = {
    kind: driver.kind,
    ...createRepositories(prisma, context),
    transaction: async (work, transactionOptions) => {
      // PGlite runs each statement on this thread, and its promises settle without any I/O: back-
      // to-back transactions (a worker writing batch after batch) would run as one chain of
      // microtasks and keep timers, HTTP and model-thread replies waiting for a second or more.
      // One turn of the event loop first lets them in between transactions.
      if (driver.kind === 'pglite') await new Promise<void>((resolve) => setImmediate(resolve));
      return prisma.$transaction((tx) => work(createRepositories(tx, context)), {
        timeout: transactionOptions?.timeoutMs ?? 60_000,
        maxWait: 10_000,
      });
    },
    migrate: runMigrations,
    pendingMigrations: () => driver.withSession((session) => listPendingMigrations(session, readMigrationFiles(migrationsDir))),
    watchDocumentStatus: (onEvent) => driver.listen(DOCUMENT_STATUS_CHANNEL, (payload) => onEvent(JSON.parse(payload) as DocumentStatusEvent)),
    importChunks: async (modelId, batches, importOptions) => importChunks(driver, await database.embeddingModels.get(modelId), batches, importOptions),
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
    close: async () => {
      await prisma.$disconnect();
      // $disconnect does not end a pool or PGlite instance handed to the adapter.
      await driver.close();
    },
  };

  drivers.set(database, driver);
  if (options.migrate ?? true) {
    try {
      await database.migrate();
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

function resolveDataDir(dataDir: string | undefined): string {
  if (dataDir === IN_MEMORY) return IN_MEMORY;
  return path.resolve(dataDir ?? DEFAULT_DATA_DIR);
}
