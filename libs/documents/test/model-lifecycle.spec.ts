import { DocentError } from '@docent/common';
import type { EmbeddingProvider } from '@docent/embeddings';
import { type Database, ModelNotActiveError, type UserRecord } from '@docent/persistence';
import { runSql, testDatabaseTargets, wholeDocuments } from '@docent/persistence/testing';
import { DocumentIntake, DocumentProcessor, ModelLifecycle, type ModelRuntime, type ModelRuntimes, SearchService } from '../src';
import { TEST_CONFIG, modelRuntime, quietLogger, realProvider } from './pipeline';

/** The models as a gateway serves them: whichever the database says is active, and those being built. */
function followDatabase(db: Database, runtimes: readonly ModelRuntime[]): ModelRuntimes {
  const runtimeOf = (id: number) => runtimes.find((runtime) => runtime.model.id === id) as ModelRuntime;
  return {
    active: async () => runtimeOf((await db.embeddingModels.findActive())!.id),
    building: async () => (await db.embeddingModels.list()).filter((model) => !model.active && model.buildStartedAt).map((model) => runtimeOf(model.id)),
  };
}

const TOPICS = ['tomatoes in the garden', 'invoices and payment terms', 'hnsw vector indexes', 'password resets', 'train timetables', 'bread recipes', 'tax returns', 'mountain hiking'];
const documentAbout = (topic: string, i: number) => ({ title: `${topic} ${i}`, content: `A note about ${topic}, number ${i}.\n\n${`Some more words on ${topic}. `.repeat(6)}`, mimeType: 'text/plain' as const });

async function chunkCounts(db: Database): Promise<Map<number, number>> {
  const rows = await runSql(db, (sql) => sql.query<{ model_id: number; chunks: number }>('SELECT model_id, count(*)::int AS chunks FROM chunks GROUP BY model_id'));
  return new Map(rows.map((row) => [row.model_id, row.chunks]));
}

describe.each(testDatabaseTargets())('switching embedding models on $name (two fixture models)', (target) => {
  let db: Database;
  let owner: UserRecord;
  let providers: EmbeddingProvider[];
  let a: ModelRuntime;
  let b: ModelRuntime;
  let models: ModelRuntimes;
  let lifecycle: ModelLifecycle;
  let search: SearchService;
  let intake: DocumentIntake;
  const processor = (workerId?: string) => new DocumentProcessor({ db, models, config: { ...TEST_CONFIG, claimBatch: 3 }, logger: quietLogger, workerId });
  const drain = async (worker = processor()) => {
    while ((await worker.processBatch()) > 0);
  };
  /** The documents a query finds by meaning, and the models whose chunks answered. */
  const semantic = async (query: string) => {
    const hits = await search.search({ userId: owner.id }, query, { mode: 'SEMANTIC', first: 100 });
    const chunkModels = await runSql(db, (sql) => sql.query<{ model_id: number }>('SELECT DISTINCT model_id FROM chunks WHERE id = ANY($1::uuid[])', [hits.map((hit) => hit.chunkId)]));
    return { documents: new Set(hits.map((hit) => hit.documentId)).size, models: chunkModels.map((row) => row.model_id) };
  };

  beforeAll(async () => {
    db = await target.open();
    providers = [realProvider('fixture'), realProvider('fixture-wide')];
    a = await modelRuntime(db, providers[0]!);
    b = await modelRuntime(db, providers[1]!);
    await db.embeddingModels.activate(a.model.id);
    models = followDatabase(db, [a, b]);
    lifecycle = new ModelLifecycle(db, async () => {
      throw new Error('not needed: both models are registered');
    });
    search = new SearchService(db, models);
    intake = new DocumentIntake(db, TEST_CONFIG);
    owner = await db.users.create({ email: `switch-${Date.now()}@example.test`, passwordHash: 'x' });
    await intake.ingest({ userId: owner.id }, TOPICS.map(documentAbout));
    await drain();
  });
  afterAll(async () => {
    await Promise.all(providers.map((provider) => provider.close?.()));
    await db?.close();
  });

  it('builds the new model in the background while the old one answers every search, then promotes it', async () => {
    const before = await semantic('garden vegetables');
    expect(before).toEqual({ documents: TOPICS.length, models: [a.model.id] });

    const started = await lifecycle.startReembedding(b.model.name);
    expect(started).toMatchObject({ documents: TOPICS.length, covered: 0, complete: false, model: { buildStartedAt: expect.any(Date) } });
    await expect(lifecycle.promote(b.model.name)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', details: { missing: TOPICS.length } });

    // Batch by batch, search stays whole and on the old model; new documents keep flowing in between.
    const worker = processor();
    const during: Awaited<ReturnType<typeof semantic>>[] = [];
    await intake.ingest({ userId: owner.id }, [documentAbout('late arrivals', 1)]);
    while ((await worker.processBatch()) > 0) during.push(await semantic('garden vegetables'));
    expect(during.length).toBeGreaterThan(2);
    expect(during.every((result) => result.models.join() === String(a.model.id))).toBe(true);
    expect(during.map((result) => result.documents)).toEqual(during.map(() => TOPICS.length + 1));

    const progress = await lifecycle.progress(b.model.name);
    expect(progress).toMatchObject({ documents: TOPICS.length + 1, covered: TOPICS.length + 1, failed: 0, complete: true, etaSeconds: 0 });
    expect(progress.documentsPerSecond).toBeGreaterThan(0);
    expect(await wholeDocuments(db, b.model.id)).toEqual({ documents: TOPICS.length + 1, whole: TOPICS.length + 1, tasks: 0 });

    const promoted = await lifecycle.promote(b.model.name);
    expect(promoted).toMatchObject({ name: b.model.name, active: true, buildStartedAt: null });
    expect(await semantic('garden vegetables')).toEqual({ documents: TOPICS.length + 1, models: [b.model.id] });
    // The old vectors stay until an admin deletes them.
    expect((await chunkCounts(db)).get(a.model.id)).toBeGreaterThan(0);
  });

  it('rolls back only to a model that covers every document, and a run fills the gap', async () => {
    const [late] = await intake.ingest({ userId: owner.id }, [documentAbout('after the switch', 1)]);
    await drain();
    expect((await db.chunks.findByDocument({ userId: owner.id }, late!.id)).map((chunk) => chunk.modelId)).toEqual(expect.arrayContaining([b.model.id]));

    await expect(lifecycle.rollback()).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', details: { missing: 1 } });
    expect((await db.embeddingModels.findActive())?.id).toBe(b.model.id);

    await lifecycle.startReembedding(a.model.name);
    await drain();
    expect(await lifecycle.rollback()).toMatchObject({ name: a.model.name, active: true });
    expect(await semantic('after the switch')).toEqual({ documents: TOPICS.length + 2, models: [a.model.id] });
  });

  it('never writes a batch embedded with a model that was promoted away meanwhile: the documents go back and get the new one', async () => {
    await lifecycle.startReembedding(b.model.name);
    await drain();
    const [document] = await intake.ingest({ userId: owner.id }, [documentAbout('caught in the switch', 1)]);
    const claimed = await db.documentQueue.claim({ workerId: 'slow-worker', limit: 10, leaseMs: 60_000 });
    expect(claimed.map((one) => one.id)).toEqual([document!.id]);

    await lifecycle.promote(b.model.name);
    const write = db.transaction((tx) => tx.documentQueue.completeWithChunks('slow-worker', a.model.id, [{ documentId: document!.id, chunks: [] }]));
    await expect(write).rejects.toBeInstanceOf(ModelNotActiveError);
    await db.documentQueue.release('slow-worker', [document!.id]);
    await drain();

    expect(await db.documents.findById({ userId: owner.id }, document!.id)).toMatchObject({ status: 'READY', attempts: 1 });
    expect(new Set((await db.chunks.findByDocument({ userId: owner.id }, document!.id)).map((chunk) => chunk.modelId))).toEqual(new Set([b.model.id]));
  });

  it('loses and duplicates nothing when a worker dies mid-run: its tasks are taken over once their lease expires', async () => {
    // Documents that only the active model (B) has vectors of.
    await intake.ingest({ userId: owner.id }, TOPICS.slice(0, 4).map((topic) => documentAbout(topic, 100)));
    await drain();
    expect(await lifecycle.startReembedding(a.model.name)).toMatchObject({ documents: TOPICS.length + 7, covered: TOPICS.length + 2 });
    // A worker claims a batch of tasks and dies before writing them.
    const abandoned = await db.reembeddingQueue.claim({ workerId: 'dead-worker', modelId: a.model.id, limit: 3, leaseMs: 200 });
    expect(abandoned.length).toBe(3);
    await drain();
    expect((await lifecycle.progress(a.model.name)).complete).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 250));
    await drain();
    const progress = await lifecycle.progress(a.model.name);
    expect(progress).toMatchObject({ complete: true, failed: 0 });
    expect(await wholeDocuments(db, a.model.id)).toEqual({ documents: progress.documents, whole: progress.documents, tasks: 0 });
    // A write by the dead worker, had it come back, is refused: its lease is gone.
    const late = await db.transaction((tx) => tx.reembeddingQueue.completeWithChunks('dead-worker', a.model.id, [{ documentId: abandoned[0]!.id, chunks: [] }]));
    expect(late).toEqual([]);
    expect(await wholeDocuments(db, a.model.id)).toEqual({ documents: progress.documents, whole: progress.documents, tasks: 0 });
  });

  it('deletes a model that is not active, with its vectors and its index, and refuses the active one', async () => {
    await expect(lifecycle.delete(b.model.name)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await lifecycle.promote(a.model.name);
    const chunksOfB = (await chunkCounts(db)).get(b.model.id);

    expect(await lifecycle.delete(b.model.name)).toBe(chunksOfB);
    expect((await chunkCounts(db)).get(b.model.id)).toBeUndefined();
    const indexes = await runSql(db, (sql) => sql.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE indexname = $1`, [`chunks_embedding_model_${b.model.id}_hnsw`]));
    expect(indexes).toEqual([]);
    await expect(lifecycle.progress(b.model.name)).rejects.toBeInstanceOf(DocentError);
  });
});
