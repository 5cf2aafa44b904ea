import type { Database, DocumentRecord, EmbeddingModelRecord, UserRecord } from '../src';
import { inDefaultCollection, resetDatabase, runSql, testDatabaseTargets } from '../src/testing';
import { chunksFor, cosineDistance, createDocument, createUser, randomVector, registerModel, seededRandom } from './fixtures';

const DIMENSION = 384;

describe.each(testDatabaseTargets())('vector and keyword search on $name', (target) => {
  let db: Database;
  let model: EmbeddingModelRecord;

  beforeAll(async () => {
    // PGlite refreshes planner statistics on this timer (PostgreSQL's autovacuum does it there).
    db = await target.open({ autoAnalyzeIntervalMs: 100 });
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await resetDatabase(db);
    model = await registerModel(db, DIMENSION);
  });

  async function seed(owner: UserRecord, count: number, seedValue: number, documents = 1) {
    const random = seededRandom(seedValue);
    const vectors = Array.from({ length: count }, () => randomVector(random, DIMENSION));
    const docs: DocumentRecord[] = [];
    for (let d = 0; d < documents; d++) docs.push(await createDocument(db, owner.id, `document ${d}`));
    const perDocument = Math.ceil(count / documents);
    for (let d = 0; d < documents; d++) {
      const slice = vectors.slice(d * perDocument, (d + 1) * perDocument);
      const texts = slice.map((_, i) => `document ${d} chunk ${i}`);
      await db.chunks.insertMany(model.id, chunksFor(docs[d] as DocumentRecord, texts, slice));
    }
    const chunks = (await Promise.all(docs.map((doc) => db.chunks.findByDocument({ userId: owner.id }, doc.id)))).flat();
    return { docs, chunks };
  }

  it('orders nearest neighbours exactly as a brute-force cosine ranking over 600 vectors', async () => {
    const owner = await createUser(db);
    const { chunks } = await seed(owner, 600, 42);
    const random = seededRandom(4242);

    for (let q = 0; q < 10; q++) {
      const query = randomVector(random, DIMENSION);
      const expected = chunks
        .map((chunk) => ({ id: chunk.id, distance: cosineDistance(query, chunk.embedding) }))
        .sort((a, b) => a.distance - b.distance)
        .slice(0, 10);

      const found = await db.chunks.searchByVector({ access: { userId: owner.id }, modelId: model.id, vector: query, limit: 10 });

      expect(found.map((match) => match.chunkId)).toEqual(expected.map((match) => match.id));
      found.forEach((match, i) => expect(match.score).toBeCloseTo(1 - (expected[i]?.distance as number), 5));
    }
  });

  it("never shows one user's chunks to another, in any search or read", async () => {
    const alice = await createUser(db, 'alice');
    const bob = await createUser(db, 'bob');
    const { docs, chunks } = await seed(alice, 50, 1);
    const aliceDocument = docs[0] as DocumentRecord;
    const aliceVector = chunks[0]?.embedding as Float32Array;

    const bobSemantic = await db.chunks.searchByVector({ access: { userId: bob.id }, modelId: model.id, vector: aliceVector, limit: 50 });
    const bobFiltered = await db.chunks.searchByVector({
      access: { userId: bob.id },
      modelId: model.id,
      vector: aliceVector,
      limit: 50,
      documentIds: [aliceDocument.id],
    });
    const bobKeyword = await db.chunks.searchByKeyword({ access: { userId: bob.id }, modelId: model.id, anyOf: 'document chunk', limit: 50 });

    expect(bobSemantic).toEqual([]);
    expect(bobFiltered).toEqual([]);
    expect(bobKeyword).toEqual([]);
    expect(await db.chunks.findByDocument({ userId: bob.id }, aliceDocument.id)).toEqual([]);
    expect(await db.documents.findById({ userId: bob.id }, aliceDocument.id)).toBeNull();
    expect(await db.documents.delete({ userId: bob.id }, aliceDocument.id)).toBe(false);
    expect(await db.chunks.deleteByDocument({ userId: bob.id }, aliceDocument.id)).toBe(0);
    expect(await db.documents.findByIds({ userId: bob.id }, [aliceDocument.id])).toEqual([]);
    expect(await db.documents.findContents({ userId: bob.id }, [aliceDocument.id])).toEqual(new Map());
    expect(await db.documents.requeue({ userId: bob.id }, aliceDocument.id)).toBeNull();
    expect(await db.documents.list({ userId: bob.id }, { first: 10 })).toEqual([]);
    expect((await db.chunks.pageByDocuments({ userId: bob.id }, [aliceDocument.id], { modelId: model.id, first: 10 })).get(aliceDocument.id)).toEqual([]);
    // ...while Alice still has everything.
    expect(await db.chunks.searchByVector({ access: { userId: alice.id }, modelId: model.id, vector: aliceVector, limit: 50 })).toHaveLength(50);
    expect((await db.chunks.pageByDocuments({ userId: alice.id }, [aliceDocument.id], { modelId: model.id, first: 10 })).get(aliceDocument.id)).toHaveLength(10);
  });

  it('pages the chunks of several documents in one statement: the same page of each, in order', async () => {
    const owner = await createUser(db);
    const { docs } = await seed(owner, 30, 5, 3);
    const ids = docs.map((doc) => doc.id);

    const first = await db.chunks.pageByDocuments({ userId: owner.id }, ids, { modelId: model.id, first: 4 });
    const next = await db.chunks.pageByDocuments({ userId: owner.id }, ids, { modelId: model.id, first: 4, afterOrdinal: 3 });

    for (const id of ids) {
      expect(first.get(id)!.map((chunk) => chunk.ordinal)).toEqual([0, 1, 2, 3]);
      expect(next.get(id)!.map((chunk) => chunk.ordinal)).toEqual([4, 5, 6, 7]);
      expect(first.get(id)!.every((chunk) => chunk.documentId === id)).toBe(true);
    }
  });

  it('filters by document and still returns `limit` results when enough match', async () => {
    const owner = await createUser(db);
    const { docs, chunks } = await seed(owner, 1_000, 3, 20);
    const wanted = [docs[3] as DocumentRecord, docs[17] as DocumentRecord];
    const query = chunks[0]?.embedding as Float32Array;

    const found = await db.chunks.searchByVector({
      access: { userId: owner.id },
      modelId: model.id,
      vector: query,
      limit: 30,
      documentIds: wanted.map((doc) => doc.id),
    });

    expect(found).toHaveLength(30);
    expect(new Set(found.map((match) => match.documentId))).toEqual(new Set(wanted.map((doc) => doc.id)));
  });

  it('filters by document metadata (JSONB containment), in both kinds of search', async () => {
    const owner = await createUser(db);
    const random = seededRandom(21);
    const tagged = await db.documents.create({ ...(await inDefaultCollection(db, owner.id)), title: 'tagged', mimeType: 'text/plain', content: 'x', contentHash: 'a', metadata: { team: 'search', tier: 1 } });
    const untagged = await db.documents.create({ ...(await inDefaultCollection(db, owner.id)), title: 'other', mimeType: 'text/plain', content: 'x', contentHash: 'b', metadata: { team: 'billing' } });
    for (const document of [tagged, untagged]) {
      const texts = Array.from({ length: 5 }, (_, i) => `shared words chunk ${i}`);
      await db.chunks.insertMany(model.id, chunksFor(document, texts, texts.map(() => randomVector(random, DIMENSION))));
    }

    const semantic = await db.chunks.searchByVector({ access: { userId: owner.id }, modelId: model.id, vector: randomVector(random, DIMENSION), limit: 30, metadata: { team: 'search' } });
    const keyword = await db.chunks.searchByKeyword({ access: { userId: owner.id }, modelId: model.id, anyOf: 'shared words', limit: 30, metadata: { team: 'search' } });

    // A very selective filter still yields every matching chunk, not a truncated index scan.
    expect(semantic).toHaveLength(5);
    expect(new Set(semantic.map((match) => match.documentId))).toEqual(new Set([tagged.id]));
    expect(new Set(keyword.map((match) => match.documentId))).toEqual(new Set([tagged.id]));
  });

  it("never compares vectors of different models", async () => {
    const owner = await createUser(db);
    const { chunks } = await seed(owner, 20, 5);
    const other = await db.embeddingModels.register({ name: 'other-384', provider: 'test', dimension: DIMENSION });

    const found = await db.chunks.searchByVector({ access: { userId: owner.id }, modelId: other.id, vector: chunks[0]?.embedding as Float32Array, limit: 5 });

    expect(found).toEqual([]);
  });

  it('runs every connection with iterative HNSW scans, so filtered searches still fill their limit', async () => {
    const settings = await runSql(db, (sql) =>
      sql.query<{ ef_search: string; iterative_scan: string }>(
        "SELECT current_setting('hnsw.ef_search') AS ef_search, current_setting('hnsw.iterative_scan') AS iterative_scan",
      ),
    );

    expect(settings).toEqual([{ ef_search: '100', iterative_scan: 'strict_order' }]);
  });

  if (target.name === 'postgres') {
    it('keeps an idle connection open, so the next search reaches a server process that has read the index before', async () => {
      const serverProcess = async () => (await runSql(db, (sql) => sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')))[0]?.pid;
      const before = await serverProcess();

      // Longer than pg's own idle timeout (10 s), after which it would have closed the connection.
      await new Promise((resolve) => setTimeout(resolve, 11_000));

      expect(await serverProcess()).toBe(before);
    }, 30_000);

    it("serves KNN from the model's HNSW index (EXPLAIN)", async () => {
      const owner = await createUser(db);
      // Below a few thousand rows a sequential scan is cheaper and the planner rightly picks it.
      await seed(owner, 5_000, 17);
      await runSql(db, (sql) => sql.exec('ANALYZE chunks'));

      const plan = await db.chunks.explainSearchByVector({
        access: { userId: owner.id },
        modelId: model.id,
        vector: randomVector(seededRandom(1), DIMENSION),
        limit: 10,
      });

      expect(plan.join('\n')).toContain(`Index Scan using chunks_embedding_model_${model.id}_hnsw on chunks`);
    });
  }

  if (target.name === 'pglite') {
    it('refreshes its own planner statistics as chunks are written, so KNN moves to the HNSW index (EXPLAIN)', async () => {
      const owner = await createUser(db);
      await seed(owner, 5_000, 17);
      const staleness = () =>
        runSql(db, (sql) => sql.query<{ stale: number }>("SELECT n_mod_since_analyze::int AS stale FROM pg_stat_user_tables WHERE relname = 'chunks'"));

      const deadline = Date.now() + 30_000;
      while ((await staleness())[0]!.stale > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const plan = await db.chunks.explainSearchByVector({ access: { userId: owner.id }, modelId: model.id, vector: randomVector(seededRandom(1), DIMENSION), limit: 10 });

      expect((await staleness())[0]!.stale).toBe(0);
      expect(plan.join('\n')).toContain(`Index Scan using chunks_embedding_model_${model.id}_hnsw on chunks`);
    });
  }
});
