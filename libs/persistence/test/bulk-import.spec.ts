import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, type DatabaseOptions, DimensionMismatchError, type DocumentRecord, type IndexPrecision, type NewChunk, openDatabase } from '../src';
import { runSql, testDatabaseTargets } from '../src/testing';
import { chunksFor, cosineDistance, createDocument, createUser, randomVector, seededRandom } from './fixtures';

const DIMENSION = 64;
// Below a few thousand rows a sequential scan is cheaper and the planner rightly picks it.
const ROWS = 4_000;

describe.each(testDatabaseTargets())('bulk import and index precision on $name', (target) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(indexPrecision: IndexPrecision): Promise<Database> {
    const db = await target.open({ indexPrecision });
    cleanups.push(() => db.close());
    return db;
  }

  type IndexOptions = Pick<DatabaseOptions, 'indexPrecision' | 'indexGraph'>;

  /**
   * Two handles on one database, opened one after the other with different settings: on
   * PostgreSQL a second pool on the same URL; PGlite's directory admits one process at a time,
   * so the first handle is closed before the second opens.
   */
  function reopenable(): { first(options: IndexOptions): Promise<Database>; reopen(options: IndexOptions): Promise<Database> } {
    if (target.name === 'postgres') {
      let url = '';
      return {
        first: async (options) => {
          const db = await target.open(options);
          cleanups.push(() => db.close());
          url = (db as Database & { url: string }).url;
          return db;
        },
        reopen: async (options) => {
          const db = await openDatabase({ url, ...options, poolMax: 2 });
          cleanups.push(() => db.close());
          return db;
        },
      };
    }
    const parent = mkdtempSync(path.join(tmpdir(), 'docent-precision-'));
    const dataDir = path.join(parent, 'pgdata');
    cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
    let current: Database | undefined;
    cleanups.push(async () => {
      await current?.close();
      current = undefined;
    });
    const reopen = async (options: IndexOptions) => {
      await current?.close();
      current = await openDatabase({ dataDir, ...options });
      return current;
    };
    return { first: reopen, reopen };
  }

  const indexesOf = (db: Database) =>
    runSql(db, (sql) => sql.query<{ indexname: string; indexdef: string }>("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'chunks_embedding_model_%' ORDER BY indexname"));

  async function seededChunks(db: Database, count: number, seed: number) {
    const owner = await createUser(db);
    const document = await createDocument(db, owner.id);
    const random = seededRandom(seed);
    const vectors = Array.from({ length: count }, () => randomVector(random, DIMENSION));
    return { owner, document, chunks: chunksFor(document, vectors.map((_, i) => `chunk ${i}`), vectors) };
  }

  const batchesOf = (chunks: readonly NewChunk[], size: number) =>
    Array.from({ length: Math.ceil(chunks.length / size) }, (_, i) => chunks.slice(i * size, (i + 1) * size));

  it('imports in batches without the index, then builds it once; searches then use it and rank like brute force', async () => {
    const db = await open('full');
    const model = await db.embeddingModels.register({ name: 'bulk', provider: 'test', dimension: DIMENSION });
    const { owner, chunks } = await seededChunks(db, ROWS, 7);

    const report = await db.importChunks(model.id, batchesOf(chunks, 1_500));

    expect(report.chunks).toBe(ROWS);
    expect(report.loadSeconds).toBeGreaterThan(0);
    expect(report.vacuumSeconds).toBeGreaterThan(0);
    expect(report.indexSeconds).toBeGreaterThan(0);
    expect((await indexesOf(db)).map((index) => index.indexname)).toEqual([`chunks_embedding_model_${model.id}_hnsw`]);
    const query = randomVector(seededRandom(70), DIMENSION);
    const plan = await db.chunks.explainSearchByVector({ access: { userId: owner.id }, modelId: model.id, vector: query, limit: 10 });
    expect(plan.join('\n')).toContain(`Index Scan using chunks_embedding_model_${model.id}_hnsw on chunks`);
    const found = await db.chunks.searchByVector({ access: { userId: owner.id }, modelId: model.id, vector: query, limit: 10 });
    expect(found.map((match) => match.text)).toEqual(exactTopTexts(query, chunks, 10));
  });

  it('vacuums and analyzes the chunks after the load, so searches find the pages marked and the statistics counted', async () => {
    const db = await open('full');
    const model = await db.embeddingModels.register({ name: 'bulk', provider: 'test', dimension: DIMENSION });
    const { chunks } = await seededChunks(db, ROWS, 12);

    await db.importChunks(model.id, batchesOf(chunks, 1_500));

    // Counted apart from autovacuum's runs (autovacuum_count), so only an explicit VACUUM passes.
    // Pages marked visible to all are not compared: on a cluster with synchronous_commit off,
    // other databases' unflushed commits can keep a page unmarked for a moment.
    const [table] = await runSql(db, (sql) =>
      sql.query<{ vacuums: number; analyzes: number; tuples: number }>(
        "SELECT s.vacuum_count::int AS vacuums, s.analyze_count::int AS analyzes, c.reltuples::int AS tuples FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = 'chunks'",
      ),
    );
    expect(table?.vacuums).toBeGreaterThanOrEqual(1);
    expect(table?.analyzes).toBeGreaterThanOrEqual(1);
    expect(table?.tuples).toBe(ROWS);
  });

  it('keeps the batches written before a failing one, writes nothing of that one, and still rebuilds the index', async () => {
    const db = await open('full');
    const model = await db.embeddingModels.register({ name: 'bulk', provider: 'test', dimension: DIMENSION });
    const { owner, document, chunks } = await seededChunks(db, 300, 8);
    const bad = { ...(chunks[250] as NewChunk), embedding: new Float32Array(DIMENSION + 1) };

    const failed = db.importChunks(model.id, [chunks.slice(0, 200), [...chunks.slice(200, 250), bad, ...chunks.slice(251)]]);

    await expect(failed).rejects.toBeInstanceOf(DimensionMismatchError);
    expect(await db.chunks.findByDocument({ userId: owner.id }, document.id)).toHaveLength(200);
    expect((await indexesOf(db)).map((index) => index.indexname)).toEqual([`chunks_embedding_model_${model.id}_hnsw`]);
  });

  it('counts only the chunks written: one whose document does not exist is left out', async () => {
    const db = await open('full');
    const model = await db.embeddingModels.register({ name: 'bulk', provider: 'test', dimension: DIMENSION });
    const { owner, document, chunks } = await seededChunks(db, 20, 9);
    const stranger: DocumentRecord = { ...document, id: '00000000-0000-4000-8000-000000000000' };
    const orphan = chunksFor(stranger, ['orphan'], [randomVector(seededRandom(1), DIMENSION)]);

    const report = await db.importChunks(model.id, [[...chunks, ...orphan]]);

    // The statement joins each chunk to its document, as insertMany does: a chunk of no document is not written.
    expect(report.chunks).toBe(20);
    expect(await db.chunks.findByDocument({ userId: owner.id }, document.id)).toHaveLength(20);
  });

  it('builds a half-precision (halfvec) index when asked, serves KNN from it, and finds the exact neighbours', async () => {
    const db = await open('half');
    const model = await db.embeddingModels.register({ name: 'half', provider: 'test', dimension: DIMENSION });
    const { owner, chunks } = await seededChunks(db, ROWS, 11);

    await db.importChunks(model.id, batchesOf(chunks, 2_000));

    expect(model.indexPrecision).toBe('half');
    const [index] = await indexesOf(db);
    expect(index?.indexname).toBe(`chunks_embedding_model_${model.id}_halfvec_hnsw`);
    expect(index?.indexdef).toContain(`(embedding)::halfvec(${DIMENSION})) halfvec_cosine_ops`);
    const random = seededRandom(110);
    let hits = 0;
    for (let q = 0; q < 10; q++) {
      const query = randomVector(random, DIMENSION);
      const found = await db.chunks.searchByVector({ access: { userId: owner.id }, modelId: model.id, vector: query, limit: 10 });
      const expected = new Set(exactTopTexts(query, chunks, 10));
      hits += found.filter((match) => expected.has(match.text)).length;
      if (q === 0) {
        const plan = await db.chunks.explainSearchByVector({ access: { userId: owner.id }, modelId: model.id, vector: query, limit: 10 });
        expect(plan.join('\n')).toContain(`Index Scan using chunks_embedding_model_${model.id}_halfvec_hnsw on chunks`);
      }
    }
    // Half precision moves distances by ~1e-3: a near tie may swap, a neighbour is rarely lost.
    expect(hits / 100).toBeGreaterThanOrEqual(0.95);
    // Stored vectors keep full precision: they read back bit for bit.
    const stored = await db.chunks.findByDocument({ userId: owner.id }, chunks[0]!.documentId);
    expect(stored.find((chunk) => chunk.text === 'chunk 0')?.embedding).toEqual(chunks[0]!.embedding);
  });

  it('rebuilds a model’s index at the new precision when the setting changes, and back', async () => {
    const handles = reopenable();
    const first = await handles.first({ indexPrecision: 'full' });
    const registered = await first.embeddingModels.register({ name: 'switching', provider: 'test', dimension: DIMENSION });
    const { owner, chunks } = await seededChunks(first, 50, 12);
    await first.chunks.insertMany(registered.id, chunks);

    const second = await handles.reopen({ indexPrecision: 'half' });
    const half = await second.embeddingModels.register({ name: 'switching', provider: 'test', dimension: DIMENSION });

    expect(half).toMatchObject({ id: registered.id, indexPrecision: 'half' });
    expect((await indexesOf(second)).map((index) => index.indexname)).toEqual([`chunks_embedding_model_${registered.id}_halfvec_hnsw`]);
    const query = chunks[3]!.embedding as Float32Array;
    const found = await second.chunks.searchByVector({ access: { userId: owner.id }, modelId: half.id, vector: query, limit: 1 });
    expect(found[0]?.text).toBe('chunk 3');

    const third = await handles.reopen({ indexPrecision: 'full' });
    expect((await third.embeddingModels.register({ name: 'switching', provider: 'test', dimension: DIMENSION })).indexPrecision).toBe('full');
    expect((await indexesOf(third)).map((index) => index.indexname)).toEqual([`chunks_embedding_model_${registered.id}_hnsw`]);
  });

  it('builds the graph with the configured m and ef_construction, names the index for them, and rebuilds it when they change', async () => {
    const handles = reopenable();
    const first = await handles.first({});
    const registered = await first.embeddingModels.register({ name: 'graph', provider: 'test', dimension: DIMENSION });
    const { owner, chunks } = await seededChunks(first, 50, 13);
    await first.chunks.insertMany(registered.id, chunks);
    expect(registered.indexGraph).toEqual({ m: 16, efConstruction: 64 });

    const second = await handles.reopen({ indexGraph: { m: 8, efConstruction: 32 } });
    const wider = await second.embeddingModels.register({ name: 'graph', provider: 'test', dimension: DIMENSION });

    expect(wider).toMatchObject({ id: registered.id, indexPrecision: 'full', indexGraph: { m: 8, efConstruction: 32 } });
    const [index, ...others] = await indexesOf(second);
    expect(others).toEqual([]);
    expect(index?.indexname).toBe(`chunks_embedding_model_${registered.id}_m8_ef32_hnsw`);
    expect(index?.indexdef).toContain("WITH (m='8', ef_construction='32')");
    const found = await second.chunks.searchByVector({ access: { userId: owner.id }, modelId: wider.id, vector: chunks[5]!.embedding as Float32Array, limit: 1 });
    expect(found[0]?.text).toBe('chunk 5');

    const third = await handles.reopen({ indexPrecision: 'half', indexGraph: { m: 8, efConstruction: 32 } });
    await third.embeddingModels.register({ name: 'graph', provider: 'test', dimension: DIMENSION });
    expect((await indexesOf(third)).map((entry) => entry.indexname)).toEqual([`chunks_embedding_model_${registered.id}_halfvec_m8_ef32_hnsw`]);

    const fourth = await handles.reopen({});
    expect((await fourth.embeddingModels.register({ name: 'graph', provider: 'test', dimension: DIMENSION })).indexGraph).toEqual({ m: 16, efConstruction: 64 });
    expect((await indexesOf(fourth)).map((entry) => entry.indexname)).toEqual([`chunks_embedding_model_${registered.id}_hnsw`]);
  });

  it('deletes every index of a model, whatever precision and graph built it', async () => {
    const db = await target.open({ indexPrecision: 'half', indexGraph: { m: 8, efConstruction: 32 } });
    cleanups.push(() => db.close());
    const model = await db.embeddingModels.register({ name: 'doomed', provider: 'test', dimension: DIMENSION });
    expect((await indexesOf(db)).map((index) => index.indexname)).toEqual([`chunks_embedding_model_${model.id}_halfvec_m8_ef32_hnsw`]);

    await db.embeddingModels.delete(model.id);

    expect(await indexesOf(db)).toEqual([]);
  });

  it('refuses a graph pgvector would not build before opening the database', async () => {
    for (const indexGraph of [{ m: 1, efConstruction: 64 }, { m: 16, efConstruction: 31 }, { m: 8, efConstruction: 1001 }, { m: 8.5, efConstruction: 64 }]) {
      await expect(target.open({ indexGraph })).rejects.toMatchObject({ code: 'INVALID_INDEX_GRAPH' });
    }
  });

  it('refuses an index memory setting outside 1 MB-64 GB before touching the index', async () => {
    const db = await open('full');
    const model = await db.embeddingModels.register({ name: 'bulk', provider: 'test', dimension: DIMENSION });

    await expect(db.importChunks(model.id, [], { indexMemoryMb: 0 })).rejects.toMatchObject({ code: 'INVALID_IMPORT_OPTIONS' });
    await expect(db.importChunks(model.id, [], { indexMemoryMb: 1.5 })).rejects.toMatchObject({ code: 'INVALID_IMPORT_OPTIONS' });
    expect(await indexesOf(db)).toHaveLength(1);
  });
});

function exactTopTexts(query: Float32Array, chunks: readonly NewChunk[], k: number): string[] {
  return chunks
    .map((chunk) => ({ text: chunk.text, distance: cosineDistance(query, chunk.embedding as Float32Array) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, k)
    .map((entry) => entry.text);
}
