import type { DatabaseDriver } from './connection/database-driver';
import { PersistenceError } from './errors';
import { INSERT_CHUNKS_SQL, chunkInsertParameters } from './repositories/chunk-insert.sql';
import type { ChunkImportReport, EmbeddingModelRecord, NewChunk } from './types';

export interface ChunkImportOptions {
  /**
   * Memory for building the HNSW index, in MB (PostgreSQL's maintenance_work_mem; default
   * 1,024). A graph that fits is built several times faster than one that spills; a million
   * 384-d vectors need about 2 GB at full precision, 1.2 GB at half.
   */
  indexMemoryMb?: number;
}

const DEFAULT_INDEX_MEMORY_MB = 1_024;

/**
 * Bulk load of one model's chunks, for a model nobody searches yet (a new model, a first
 * import): drops the model's HNSW index, writes each batch as one statement straight through
 * the driver (no ORM on the path, no index maintained row by row), vacuums the table, then builds
 * the index once.
 * Each batch is written all or nothing. When one fails, the batches before it stay written and
 * the index is still rebuilt, so search never falls back to scanning the table.
 */
export async function importChunks(
  driver: DatabaseDriver,
  model: EmbeddingModelRecord,
  batches: Iterable<readonly NewChunk[]> | AsyncIterable<readonly NewChunk[]>,
  options: ChunkImportOptions = {},
): Promise<ChunkImportReport> {
  const indexMemoryMb = options.indexMemoryMb ?? DEFAULT_INDEX_MEMORY_MB;
  if (!Number.isSafeInteger(indexMemoryMb) || indexMemoryMb < 1 || indexMemoryMb > 65_536) {
    throw new PersistenceError('INVALID_IMPORT_OPTIONS', `indexMemoryMb must be an integer from 1 to 65536, got ${indexMemoryMb}`);
  }
  await driver.withSession((session) => session.query('SELECT drop_embedding_index($1::int)', [model.id]));
  const loadStart = performance.now();
  let chunks = 0;
  let failure: unknown;
  try {
    for await (const batch of batches) {
      if (batch.length === 0) continue;
      // A session per batch: on PGlite, other queries run between batches rather than after the whole import.
      const [written] = await driver.withSession(async (session) => {
        // Each batch is on disk when counted, even where commits are asynchronous; VACUUM
        // (below) marks a page visible to all only once the commits of its rows are flushed.
        await session.exec('SET synchronous_commit = on');
        try {
          return await session.query<{ rows: number }>(`WITH written AS (${INSERT_CHUNKS_SQL} RETURNING 1) SELECT count(*)::int AS rows FROM written`, chunkInsertParameters(model, batch));
        } finally {
          await session.exec('RESET synchronous_commit');
        }
      });
      chunks += written?.rows ?? 0;
    }
  } catch (error) {
    failure = error;
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const finishing = vacuumAndIndex(driver, model.id, indexMemoryMb);
  if (failure !== undefined) {
    // The load's error is the one worth reporting; the index is rebuilt either way.
    await finishing.catch(() => undefined);
    throw failure;
  }
  return { chunks, loadSeconds, ...(await finishing) };
}

/** Vacuums and analyzes the chunks, then builds the model's index; says how long each took. */
function vacuumAndIndex(driver: DatabaseDriver, modelId: number, memoryMb: number): Promise<Omit<ChunkImportReport, 'chunks' | 'loadSeconds'>> {
  return driver.withSession(async (session) => {
    const vacuumStart = performance.now();
    // Vacuumed now, every new page is marked visible to all before anyone searches, rather than
    // by the first searches that read it or by autovacuum whenever it comes (it cannot run during
    // the index build). Where autovacuum has kept up during the load, this is quick: 3 s after a
    // million rows (docs/benchmarks.md).
    await session.exec('VACUUM (ANALYZE) chunks');
    const indexStart = performance.now();
    await session.query(`SELECT set_config('maintenance_work_mem', $1, false)`, [`${memoryMb}MB`]);
    try {
      await session.query('SELECT ensure_embedding_index($1::int)', [modelId]);
    } finally {
      await session.exec('RESET maintenance_work_mem');
    }
    return { vacuumSeconds: (indexStart - vacuumStart) / 1000, indexSeconds: (performance.now() - indexStart) / 1000 };
  });
}
