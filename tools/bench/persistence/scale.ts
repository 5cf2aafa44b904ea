// Persistence at scale: a million 384-d chunks on PostgreSQL through Database.importChunks (load
// without the index, build it once), then KNN latency and recall@10 against an exact ranking at
// ef_search 40 to 400, for an index at full precision (vector) and at half (halfvec), with the
// table's and each index's size per chunk and the build times.
//   BENCH_SCALE_ROWS=1000000 bash tools/bench/with-postgres.sh tools/bench/persistence/scale.ts
//   BENCH_SCALE_DATABASE=pglite BENCH_SCALE_ROWS=250000 node -r @swc-node/register tools/bench/persistence/scale.ts
// HNSW_M and HNSW_EF_CONSTRUCTION build another graph than pgvector's default (16, 64), as they
// do for the gateway; BENCH_SCALE_PRECISIONS=full measures one precision only. PG_SHARED_BUFFERS
// (tools/db/test-cluster.sh) gives PostgreSQL a page cache that holds the index, PG_HUGE_PAGES=on
// maps it in 2 MB pages (reserve them first: sysctl vm.nr_hugepages). Each setting is measured on
// a new connection, then on the same connection again, with the server process's page faults.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_INDEX_GRAPH, type Database, type DatabaseOptions, type DocumentRecord, type IndexGraph, type IndexPrecision, type NewChunk, openDatabase } from '@docent/persistence';
import { inDefaultCollection, runSql } from '@docent/persistence/testing';
import { clusteredVectorSource, formatTable, percentile, seededRandom } from '../lib/stats';

const DIMENSION = 384;
const ROWS = Number(process.env['BENCH_SCALE_ROWS'] ?? 1_000_000);
const BATCH = 5_000;
const DOCUMENTS = 100;
const QUERIES = 300;
const WARM_UP = 20;
const RECALL_QUERIES = 50;
const LIMIT = 10;
// 40 is pgvector's default, 100 Docent's; the higher ones show what recall costs on this data.
// BENCH_SCALE_EF_SEARCH=100,150,200 measures another list.
const EF_SEARCH = (process.env['BENCH_SCALE_EF_SEARCH'] ?? '40,100,200,400').split(',').map(Number);
const ON_PGLITE = process.env['BENCH_SCALE_DATABASE'] === 'pglite';
// PostgreSQL: enough for a million vectors' graph at full precision (~2 GB), so neither build
// spills. PGlite: WebAssembly's 32-bit heap holds all of its memory.
const INDEX_MEMORY_MB = ON_PGLITE ? 1_024 : 4_096;
const PRECISIONS = (process.env['BENCH_SCALE_PRECISIONS'] ?? 'full,half').split(',') as IndexPrecision[];
const GRAPH: IndexGraph = {
  m: Number(process.env['HNSW_M'] ?? DEFAULT_INDEX_GRAPH.m),
  efConstruction: Number(process.env['HNSW_EF_CONSTRUCTION'] ?? DEFAULT_INDEX_GRAPH.efConstruction),
};

async function main(): Promise<void> {
  const url = process.env['BENCH_DATABASE_URL'];
  if (!url && !ON_PGLITE) throw new Error('BENCH_DATABASE_URL is not set: run through tools/bench/with-postgres.sh, or set BENCH_SCALE_DATABASE=pglite');
  const dataDir = ON_PGLITE ? path.join(mkdtempSync(path.join(tmpdir(), 'docent-bench-scale-')), 'pgdata') : undefined;
  // One handle at a time: PGlite's directory admits one, and each handle sets its own options.
  const open = (options: Omit<DatabaseOptions, 'url' | 'dataDir'>) => openDatabase({ indexGraph: GRAPH, ...options, ...(dataDir ? { dataDir } : { url }) });
  console.log(`node ${process.version}, ${ON_PGLITE ? 'PGlite (on disk)' : 'PostgreSQL'}, ${ROWS} chunks of ${DIMENSION}-d, batches of ${BATCH}, KNN top-${LIMIT}, HNSW m ${GRAPH.m}, ef_construction ${GRAPH.efConstruction}`);
  try {
    await measure(open);
  } finally {
    if (dataDir) rmSync(path.dirname(dataDir), { recursive: true, force: true });
  }
}

async function measure(open: (options: Omit<DatabaseOptions, 'url' | 'dataDir'>) => Promise<Database>): Promise<void> {
  const db = await open({ indexPrecision: PRECISIONS[0] });
  const owner = await db.users.create({ email: `bench-scale-${Date.now()}@example.test`, passwordHash: 'x' });
  const place = await inDefaultCollection(db, owner.id);
  const documents = await Promise.all(
    Array.from({ length: DOCUMENTS }, (_, i) => db.documents.create({ ...place, title: `doc ${i}`, mimeType: 'text/plain', content: '', contentHash: `scale-${Date.now()}-${i}` })),
  );
  const model = await db.embeddingModels.register({ name: 'bench-scale', provider: 'bench', dimension: DIMENSION });
  const tableBefore = await tableSize(db);

  // Every vector is kept in one array for the exact ranking recall is measured against.
  const vectors = new Float32Array(ROWS * DIMENSION);
  const nextVector = clusteredVectorSource(seededRandom(2026), DIMENSION);
  function* batches(): Generator<NewChunk[]> {
    for (let start = 0; start < ROWS; start += BATCH) {
      const batch: NewChunk[] = [];
      for (let i = start; i < Math.min(start + BATCH, ROWS); i++) {
        const embedding = vectors.subarray(i * DIMENSION, (i + 1) * DIMENSION);
        embedding.set(nextVector());
        const text = `chunk ${i} of a benchmark document about topic ${i % 97}`;
        const documentId = (documents[i % DOCUMENTS] as DocumentRecord).id;
        batch.push({ documentId, ordinal: Math.floor(i / DOCUMENTS), text, tokenCount: 12, charStart: 0, charEnd: text.length, contentHash: `h${i}`, embedding });
      }
      if (start % 100_000 === 0) console.log(`  loading: ${start} of ${ROWS}`);
      yield batch;
    }
  }
  const imported = await db.importChunks(model.id, batches(), { indexMemoryMb: INDEX_MEMORY_MB });
  console.log(`loaded ${imported.chunks} in ${imported.loadSeconds.toFixed(0)} s, vacuumed in ${imported.vacuumSeconds.toFixed(0)} s, ${PRECISIONS[0]}-precision index built in ${imported.indexSeconds.toFixed(0)} s`);
  await db.close();
  // Queries come from the data's distribution (the same cluster centres, fresh noise). The exact
  // neighbours of the recall queries are ranked once, for every index and ef_search.
  const queries = Array.from({ length: QUERIES + WARM_UP }, () => nextVector());
  const recallQueries = Array.from({ length: RECALL_QUERIES }, () => nextVector());
  const laterQueries = Array.from({ length: QUERIES }, () => nextVector());
  const exact = recallQueries.map((vector) => exactTopK(vector, vectors));

  const storage: (string | number)[][] = [];
  const knn: (string | number)[][] = [];
  const builds: Record<IndexPrecision, number> = { full: 0, half: 0 };
  builds[PRECISIONS[0] as IndexPrecision] = imported.indexSeconds;
  for (const [i, precision] of PRECISIONS.entries()) {
    if (i > 0) {
      // Registering the model again at the other precision rebuilds its index, as a restart with
      // HNSW_INDEX_PRECISION=half would; the build's memory comes from the database's setting.
      const settings = await open({ migrate: false });
      const name = await quoteIdent(settings);
      await runSql(settings, (sql) => sql.exec(`ALTER DATABASE ${name} SET maintenance_work_mem = '${INDEX_MEMORY_MB}MB'`));
      await settings.close();
      const rebuilt = await open({ indexPrecision: precision, migrate: false });
      const start = performance.now();
      await rebuilt.embeddingModels.register({ name: 'bench-scale', provider: 'bench', dimension: DIMENSION });
      builds[precision] = (performance.now() - start) / 1000;
      await runSql(rebuilt, (sql) => sql.exec('ANALYZE chunks'));
      await rebuilt.close();
      // The setting outlives this run otherwise, on a database the caller may keep.
      const reset = await open({ migrate: false });
      await runSql(reset, (sql) => sql.exec(`ALTER DATABASE ${name} RESET maintenance_work_mem`));
      await reset.close();
      console.log(`${precision}-precision index built in ${builds[precision].toFixed(0)} s`);
    }
    const admin = await open({ migrate: false });
    const sizes = await sizesOf(admin, model.id, tableBefore);
    await admin.close();
    storage.push([precision === 'full' ? 'vector (full)' : 'halfvec (half)', perChunk(sizes.table), perChunk(sizes.index), (sizes.index / 2 ** 20).toFixed(0), builds[precision].toFixed(0)]);
    for (const efSearch of EF_SEARCH) {
      const reader = await open({ efSearch, migrate: false });
      knn.push([precision, efSearch, ...(await measureKnn(reader, owner.id, model.id, { queries, laterQueries, recallQueries, exact }))]);
      await reader.close();
      console.log(`  measured ${precision} at ef_search ${efSearch}`);
    }
  }
  console.log(`\nStorage (${ROWS} chunks; table = heap + TOAST + the other indexes, of chunks with ~45-character texts)`);
  console.log(formatTable(['HNSW index', 'table bytes/chunk', 'index bytes/chunk', 'index MB', 'index build s'], storage));
  console.log(`\nKNN through ChunkRepository.searchByVector, ${QUERIES} queries, recall@${LIMIT} over ${RECALL_QUERIES} against an exact ranking`);
  console.log(formatTable(['index', 'ef_search', 'new connection p50 ms', 'p99 ms', `next ${QUERIES} queries p50 ms`, 'p99 ms', `recall@${LIMIT}`], knn));
  console.log(`\nLoad: ${imported.chunks} chunks in ${imported.loadSeconds.toFixed(0)} s (${Math.round(imported.chunks / imported.loadSeconds)} chunks/s) without the index, then VACUUM (ANALYZE) in ${imported.vacuumSeconds.toFixed(0)} s`);
  function perChunk(bytes: number): string {
    return Math.round(bytes / ROWS).toString();
  }
}

/** The current database's name, quoted, for ALTER DATABASE. */
function quoteIdent(db: Database): Promise<string> {
  return runSql(db, async (sql) => (await sql.query<{ name: string }>('SELECT quote_ident(current_database()) AS name'))[0]?.name ?? 'postgres');
}

/** Bytes of the chunks table with its TOAST and indexes, HNSW indexes left out. */
async function tableSize(db: Database): Promise<number> {
  const [row] = await runSql(db, (sql) =>
    sql.query<{ total: string }>(`
      SELECT pg_total_relation_size('chunks')
             - (SELECT coalesce(sum(pg_relation_size(indexrelid)), 0) FROM pg_index JOIN pg_class ON pg_class.oid = indexrelid
                WHERE indrelid = 'chunks'::regclass AND relname LIKE 'chunks_embedding_model_%') AS total`),
  );
  return Number(row?.total);
}

/** The model's HNSW index, and the rest of what the import added to the table. */
async function sizesOf(db: Database, modelId: number, tableBefore: number): Promise<{ table: number; index: number }> {
  // Registering drops the model's other indexes: this is the one just built.
  const [row] = await runSql(db, (sql) => sql.query<{ index: string }>(`SELECT sum(pg_relation_size(name::regclass)) AS index FROM embedding_index_names($1) AS name`, [modelId]));
  const index = Number(row?.index);
  return { table: (await tableSize(db)) - tableBefore, index };
}

interface KnnQueries {
  /** QUERIES measured on a new connection, then WARM_UP more, sent before them. */
  queries: readonly Float32Array[];
  /** QUERIES more on the same connection: a pool's long-lived connection, as the gateway keeps them. */
  laterQueries: readonly Float32Array[];
  recallQueries: readonly Float32Array[];
  exact: readonly number[][];
}

/**
 * p50 and p99 of the first queries a fresh pool answers and of the next ones, then recall. The
 * pool hands sequential queries the same connection, so the second set shows what a server
 * process that has already read much of the index answers in.
 */
async function measureKnn(db: Database, userId: string, modelId: number, { queries, laterQueries, recallQueries, exact }: KnnQueries) {
  const query = (vector: Float32Array) => ({ access: { userId }, modelId, vector, limit: LIMIT });
  const timed = async (vectors: readonly Float32Array[]) => {
    const latencies: number[] = [];
    for (const vector of vectors) {
      const start = performance.now();
      await db.chunks.searchByVector(query(vector));
      latencies.push(performance.now() - start);
    }
    return { latencies, summary: [percentile(latencies, 50).toFixed(2), percentile(latencies, 99).toFixed(2)] };
  };
  for (const vector of queries.slice(QUERIES)) await db.chunks.searchByVector(query(vector));
  const faults = await serverFaults(db);
  const before = faults.read();
  const first = await timed(queries.slice(0, QUERIES));
  const between = faults.read();
  const later = await timed(laterQueries);
  const after = faults.read();
  if (before !== undefined && between !== undefined && after !== undefined) {
    console.log(`    page faults per query in the server process: ${((between - before) / QUERIES).toFixed(0)} new connection, ${((after - between) / QUERIES).toFixed(0)} next queries`);
  }
  const mean = (latencies: number[]) => (latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length).toFixed(2);
  console.log(`    mean ms of the new connection's measured queries (after ${WARM_UP} unmeasured) 1-20: ${mean(first.latencies.slice(0, 20))}, 21-40: ${mean(first.latencies.slice(20, 40))}, 41-${QUERIES}: ${mean(first.latencies.slice(40))}; next ${QUERIES}: ${mean(later.latencies)}`);
  let hits = 0;
  for (const [i, vector] of recallQueries.entries()) {
    const found = new Set((await db.chunks.searchByVector(query(vector))).map((match) => Number(match.text.split(' ')[1])));
    for (const index of exact[i] ?? []) if (found.has(index)) hits++;
  }
  return [...first.summary, ...later.summary, (hits / (RECALL_QUERIES * LIMIT)).toFixed(3)];
}

/**
 * Minor page faults of the server process behind the pool's connection (the one sequential
 * queries get), read from /proc when the server runs on this machine: a process maps each page
 * of PostgreSQL's shared buffers the first time it touches it.
 */
async function serverFaults(db: Database): Promise<{ read: () => number | undefined }> {
  if (ON_PGLITE) return { read: () => undefined };
  const [row] = await runSql(db, (sql) => sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'));
  return {
    read: () => {
      try {
        // Field 10 of /proc/<pid>/stat, counted after the command name's closing parenthesis.
        const stat = readFileSync(`/proc/${row?.pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
      } catch {
        return undefined;
      }
    },
  };
}

/** Brute-force top-k row numbers by dot product (all vectors are unit length). */
function exactTopK(query: Float32Array, vectors: Float32Array): number[] {
  const best: { index: number; dot: number }[] = [];
  for (let row = 0; row < ROWS; row++) {
    let dot = 0;
    const offset = row * DIMENSION;
    for (let i = 0; i < DIMENSION; i++) dot += (query[i] as number) * (vectors[offset + i] as number);
    if (best.length < LIMIT || dot > (best[best.length - 1]?.dot ?? -Infinity)) {
      best.push({ index: row, dot });
      best.sort((a, b) => b.dot - a.dot);
      if (best.length > LIMIT) best.pop();
    }
  }
  return best.map((entry) => entry.index);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
