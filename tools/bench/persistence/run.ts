// Persistence benchmark: chunk INSERT throughput by rows per statement, and KNN latency and
// recall at 10k and 100k rows, on embedded PGlite and (when a URL is given) PostgreSQL.
// Vectors are clustered unit vectors, shaped like sentence embeddings.
//   tools/bench/with-postgres.sh tools/bench/persistence/run.ts   (PGlite and a throwaway PostgreSQL)
//   BENCH_DATABASE_URL=postgresql://… node -r @swc-node/register tools/bench/persistence/run.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, type DocumentRecord, type NewChunk, openDatabase } from '@docent/persistence';
import { inDefaultCollection, runSql } from '@docent/persistence/testing';
import { clusteredVectorSource, elapsedMs, formatTable, percentile, seededRandom } from '../lib/stats';

const DIMENSION = 384;
const INSERT_ROWS = Number(process.env['BENCH_INSERT_ROWS'] ?? 10_000);
const LARGE_ROWS = Number(process.env['BENCH_LARGE_ROWS'] ?? 100_000);
const QUERIES = 200;
const RECALL_QUERIES = 30;
const LIMIT = 10;

interface Target {
  name: string;
  open(): Promise<Database>;
  cleanup(): void;
}

async function main(): Promise<void> {
  const targets: Target[] = [];
  const pgliteDir = mkdtempSync(path.join(tmpdir(), 'docent-bench-pglite-'));
  targets.push({ name: 'PGlite (on disk)', open: () => openDatabase({ dataDir: pgliteDir }), cleanup: () => rmSync(pgliteDir, { recursive: true, force: true }) });
  const url = process.env['BENCH_DATABASE_URL'];
  if (url) targets.push({ name: 'PostgreSQL 15', open: () => openDatabase({ url }), cleanup: () => undefined });
  else console.log('BENCH_DATABASE_URL not set: PostgreSQL skipped (tools/bench/with-postgres.sh starts one)');

  console.log(`node ${process.version}, ${DIMENSION}-d vectors, ${INSERT_ROWS} rows per insert run, KNN top-${LIMIT}\n`);
  const insertRows: (string | number)[][] = [];
  const knnRows: (string | number)[][] = [];
  for (const target of targets) {
    const db = await target.open();
    try {
      const results = await benchmark(db, target.name);
      insertRows.push(...results.inserts);
      knnRows.push(...results.knn);
    } finally {
      await db.close();
      target.cleanup();
    }
  }
  console.log('\nChunk inserts (HNSW index in place, one transaction per run)');
  console.log(formatTable(['database', 'rows/statement', 'rows', 'seconds', 'rows/s'], insertRows));
  console.log('\nKNN search through ChunkRepository.searchByVector (collection + model filter, ef_search 100)');
  console.log(formatTable(['database', 'rows', 'p50 ms', 'p99 ms', `recall@${LIMIT}`, 'plan'], knnRows));
}

async function benchmark(db: Database, name: string) {
  const owner = await db.users.create({ email: `bench-${Date.now()}@example.test`, passwordHash: 'x' });
  const place = await inDefaultCollection(db, owner.id);
  const documents = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      db.documents.create({ ...place, title: `doc ${i}`, mimeType: 'text/plain', content: '', contentHash: `${Date.now()}-${i}` }),
    ),
  );
  const random = seededRandom(2026);
  const nextVector = clusteredVectorSource(random, DIMENSION);
  const makeChunks = (count: number, offset = 0): NewChunk[] =>
    Array.from({ length: count }, (_, n) => {
      const i = offset + n;
      const document = documents[i % documents.length] as DocumentRecord;
      const text = `chunk ${i} of a benchmark document about topic ${i % 97}`;
      return {
        documentId: document.id,
        ownerId: owner.id,
        ordinal: Math.floor(i / documents.length),
        text,
        tokenCount: 12,
        charStart: 0,
        charEnd: text.length,
        contentHash: `h${i}`,
        embedding: nextVector(),
      };
    });

  const inserts: (string | number)[][] = [];
  const knn: (string | number)[][] = [];
  let tenThousandModel = 0;
  let tenThousandChunks: NewChunk[] = [];
  for (const rowsPerStatement of [1, 100, 1_000]) {
    const model = await db.embeddingModels.register({ name: `bench-${rowsPerStatement}`, provider: 'bench', dimension: DIMENSION });
    const chunks = makeChunks(INSERT_ROWS);
    const start = process.hrtime.bigint();
    await db.transaction((tx) => tx.chunks.insertMany(model.id, chunks, rowsPerStatement), { timeoutMs: 3_600_000 });
    const ms = elapsedMs(start);
    inserts.push([name, rowsPerStatement, INSERT_ROWS, (ms / 1000).toFixed(1), Math.round(INSERT_ROWS / (ms / 1000))]);
    console.log(`${name}: ${INSERT_ROWS} rows at ${rowsPerStatement}/statement in ${(ms / 1000).toFixed(1)} s`);
    tenThousandModel = model.id;
    tenThousandChunks = chunks;
  }
  await runSql(db, (sql) => sql.exec('ANALYZE chunks'));
  knn.push([name, INSERT_ROWS, ...(await measureKnn(db, owner.id, tenThousandModel, tenThousandChunks))]);

  // 100k rows: bulk load without the index, then build it once (how a large import should be done).
  const large = await db.embeddingModels.register({ name: 'bench-large', provider: 'bench', dimension: DIMENSION });
  const indexName = `chunks_embedding_model_${large.id}_hnsw`;
  await runSql(db, (sql) => sql.exec(`DROP INDEX ${indexName}`));
  const largeChunks: NewChunk[] = [];
  let start = process.hrtime.bigint();
  for (let loaded = 0; loaded < LARGE_ROWS; loaded += 10_000) {
    const batch = makeChunks(Math.min(10_000, LARGE_ROWS - loaded), loaded);
    await db.transaction((tx) => tx.chunks.insertMany(large.id, batch), { timeoutMs: 3_600_000 });
    largeChunks.push(...batch);
  }
  const loadSeconds = elapsedMs(start) / 1000;
  start = process.hrtime.bigint();
  await runSql(db, async (sql) => {
    await sql.exec(`SET maintenance_work_mem = '1GB'`);
    await sql.query('SELECT ensure_embedding_index($1::int)', [large.id]);
    await sql.exec('ANALYZE chunks');
  });
  const indexSeconds = elapsedMs(start) / 1000;
  console.log(`${name}: ${LARGE_ROWS} rows loaded in ${loadSeconds.toFixed(1)} s without index, HNSW built in ${indexSeconds.toFixed(1)} s`);
  inserts.push([name, '1,000 (no index, then build)', LARGE_ROWS, `${loadSeconds.toFixed(1)} + ${indexSeconds.toFixed(1)}`, Math.round(LARGE_ROWS / (loadSeconds + indexSeconds))]);
  knn.push([name, LARGE_ROWS, ...(await measureKnn(db, owner.id, large.id, largeChunks))]);
  return { inserts, knn };
}

async function measureKnn(db: Database, userId: string, modelId: number, chunks: readonly NewChunk[]) {
  // Queries come from the same distribution as the data (the seed of the data's centres).
  const nextQuery = clusteredVectorSource(seededRandom(2026), DIMENSION);
  const query = (vector: Float32Array) => ({ access: { userId }, modelId, vector, limit: LIMIT });
  for (let i = 0; i < 10; i++) await db.chunks.searchByVector(query(nextQuery()));
  const latencies: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const vector = nextQuery();
    const start = process.hrtime.bigint();
    await db.chunks.searchByVector(query(vector));
    latencies.push(elapsedMs(start));
  }
  let hits = 0;
  for (let i = 0; i < RECALL_QUERIES; i++) {
    const vector = nextQuery();
    const found = new Set((await db.chunks.searchByVector(query(vector))).map((match) => match.text));
    for (const text of exactTopK(vector, chunks)) if (found.has(text)) hits++;
  }
  const plan = (await db.chunks.explainSearchByVector(query(nextQuery()))).join(' ');
  const scan = /(\w+ Scan)(?: using (\S+))?/.exec(plan);
  const planName = scan ? `${scan[1]}${scan[2] ? ` (${scan[2]})` : ''}` : plan.slice(0, 60);
  return [percentile(latencies, 50).toFixed(2), percentile(latencies, 99).toFixed(2), (hits / (RECALL_QUERIES * LIMIT)).toFixed(3), planName];
}

/** Brute-force top-k by dot product (all vectors are unit length), for recall. */
function exactTopK(query: Float32Array, chunks: readonly NewChunk[]): string[] {
  const scored = chunks.map((chunk) => {
    const embedding = chunk.embedding as Float32Array;
    let dot = 0;
    for (let i = 0; i < DIMENSION; i++) dot += (query[i] as number) * (embedding[i] as number);
    return { text: chunk.text, dot };
  });
  return scored.sort((a, b) => b.dot - a.dot).slice(0, LIMIT).map((entry) => entry.text);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
