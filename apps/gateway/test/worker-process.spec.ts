import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_DOCUMENTS_CONFIG, DocumentIntake, DocumentProcessor, ModelLifecycle, RecursiveChunker, fixedModel } from '@docent/documents';
import { EmbeddingEngine, createTransformersProvider } from '@docent/embeddings';
import { ensureFixtureModel } from '@docent/embeddings/testing';
import type { Database, UserRecord } from '@docent/persistence';
import { runSql, testDatabaseTargets, wholeDocuments } from '@docent/persistence/testing';
import { spawnWorker } from './support/worker-process';

const fixture = ensureFixtureModel('tiny');
const wide = ensureFixtureModel('tinyWide');
const LEASE_SECONDS = 2;
const startWorkerProcess = (databaseUrl: string, env: Record<string, string> = {}, logs: 'ignore' | 'pipe' = 'ignore') =>
  spawnWorker(databaseUrl, { PROCESSING_LEASE_SECONDS: String(LEASE_SECONDS), ...env }, logs);
const postgres = testDatabaseTargets().find((target) => target.name === 'postgres');

/** Where a worker started with it writes the modules it loaded, when it exits. */
function loadedModulesFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'docent-worker-')), 'modules.json');
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

// Separate worker processes need a database several processes can share: PostgreSQL only.
(postgres ? describe : describe.skip)('document worker processes on PostgreSQL', () => {
  let db: Database & { url?: string };
  let owner: UserRecord;
  let intake: DocumentIntake;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await postgres!.open();
    owner = await db.users.create({ email: 'worker-test@example.test', passwordHash: 'x' });
    intake = new DocumentIntake(db, DEFAULT_DOCUMENTS_CONFIG);
    // What a gateway does on its first start: make its model the one search uses.
    const model = await db.embeddingModels.register({ name: fixture.modelName, provider: 'transformers.js', dimension: fixture.dimension });
    await db.embeddingModels.activate(model.id);
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await db?.close();
  });

  it("finishes a document whose worker was killed mid-way, once, with no duplicate chunks", async () => {
    const paragraphs = Array.from({ length: 4_000 }, (_, i) => `Paragraph ${i} talks about topic ${i % 37} in a few plain words of English text.`);
    const [document] = await intake.ingest({ userId: owner.id }, [{ title: 'Long', content: paragraphs.join('\n\n'), mimeType: 'text/plain' }]);
    const victim = startWorkerProcess(db.url!);
    children.push(victim);

    await until(async () => (await db.documents.findById({ userId: owner.id }, document!.id))?.status === 'PROCESSING', 60_000);
    victim.kill('SIGKILL');
    await exited(victim);
    expect(await db.documents.findById({ userId: owner.id }, document!.id)).toMatchObject({ status: 'PROCESSING', chunkCount: 0 });
    expect(await db.chunks.findByDocument({ userId: owner.id }, document!.id)).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, LEASE_SECONDS * 1000 + 200));
    const provider = createTransformersProvider({ modelName: fixture.modelName, modelsDir: fixture.modelsDir, dimension: fixture.dimension, maxInputTokens: 128, quantized: true, threads: 1, allowRemoteModels: false });
    const model = (await db.embeddingModels.findActive())!;
    const rescuer = new DocumentProcessor({
      db,
      models: fixedModel({ model, engine: new EmbeddingEngine(provider), chunker: new RecursiveChunker((texts) => provider.countTokens(texts), { chunkTokens: 64, overlapTokens: 8 }) }),
      config: { ...DEFAULT_DOCUMENTS_CONFIG, leaseMs: LEASE_SECONDS * 1000 },
      logger: { info: () => undefined, warn: () => undefined },
    });
    while ((await rescuer.processBatch()) > 0);

    const finished = await db.documents.findById({ userId: owner.id }, document!.id);
    const chunks = await db.chunks.findByDocument({ userId: owner.id }, document!.id);
    expect(finished).toMatchObject({ status: 'READY', attempts: 2 });
    expect(chunks.length).toBe(finished?.chunkCount);
    expect(chunks.map((chunk) => chunk.ordinal)).toEqual(chunks.map((_, i) => i));
  });

  it('has two worker processes process 50 documents exactly once each, and stop cleanly on SIGTERM', async () => {
    const stored = await intake.ingest(
      { userId: owner.id },
      Array.from({ length: 50 }, (_, i) => ({ title: `Doc ${i}`, content: `Document number ${i}. It mentions subject ${i % 7} twice: subject ${i % 7}.`, mimeType: 'text/plain' as const })),
    );
    const workers = [startWorkerProcess(db.url!), startWorkerProcess(db.url!)];
    children.push(...workers);

    await until(async () => (await db.documentQueue.countByStatus()).READY >= 51, 90_000);
    workers.forEach((worker) => worker.kill('SIGTERM'));
    const codes = await Promise.all(workers.map(exited));

    const documents = await Promise.all(stored.map((document) => db.documents.findById({ userId: owner.id }, document.id)));
    expect(documents.every((document) => document?.status === 'READY' && document.attempts === 1)).toBe(true);
    expect(codes).toEqual([0, 0]);
  });

  it('loads no GraphQL code: no resolvers, no type-graphql, no graphql-js, no Apollo', async () => {
    const [document] = await intake.ingest({ userId: owner.id }, [{ title: 'Probe', content: 'A short document for one worker.', mimeType: 'text/plain' }]);
    const modulesFile = loadedModulesFile();
    const worker = startWorkerProcess(db.url!, { LOADED_MODULES_FILE: modulesFile });
    children.push(worker);

    await until(async () => (await db.documents.findById({ userId: owner.id }, document!.id))?.status === 'READY', 60_000);
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);
    const modules = JSON.parse(readFileSync(modulesFile, 'utf8')) as string[];

    // The list is real: the worker's own code and its database driver are in it.
    expect(modules.some((file) => file.endsWith(path.join('processing', 'document-processor.ts')))).toBe(true);
    expect(modules.some((file) => file.includes(`${path.sep}node_modules${path.sep}pg${path.sep}`))).toBe(true);
    const graphQLCode = modules.filter((file) => /[\\/](graphql|type-graphql|@apollo|graphql-[\w-]+|dataloader)[\\/]/.test(file));
    expect(graphQLCode).toEqual([]);
  });

  it('serves the active model when configured with another, says so naming both, and never switches search', async () => {
    const activeBefore = await db.embeddingModels.findActive();
    const worker = startWorkerProcess(db.url!, { EMBEDDING_MODEL: wide.modelName, EMBEDDING_MODELS_DIR: wide.modelsDir, LOG_LEVEL: 'info' }, 'pipe');
    children.push(worker);
    let logs = '';
    worker.stdout!.on('data', (data: Buffer) => (logs += data.toString()));
    const [document] = await intake.ingest({ userId: owner.id }, [{ title: 'Mismatch', content: 'A document for a worker configured with another model.', mimeType: 'text/plain' }]);

    await until(async () => (await db.documents.findById({ userId: owner.id }, document!.id))?.status === 'READY', 60_000);
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);
    expect(logs).toContain(`search uses the embedding model ${fixture.modelName}, not the configured ${wide.modelName}`);
    expect(new Set((await db.chunks.findByDocument({ userId: owner.id }, document!.id)).map((chunk) => chunk.modelId))).toEqual(new Set([activeBefore!.id]));
    expect(await db.embeddingModels.findActive()).toEqual(activeBefore);
  });
});

(postgres ? describe : describe.skip)('a re-embedding run served by worker processes on PostgreSQL', () => {
  let db: Database & { url?: string };
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await postgres!.open();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await db?.close();
  });

  it('loses and duplicates no chunk when a worker is killed (SIGKILL) mid-run, while new documents keep flowing', async () => {
    const owner = await db.users.create({ email: 'reembed-test@example.test', passwordHash: 'x' });
    const intake = new DocumentIntake(db, DEFAULT_DOCUMENTS_CONFIG);
    const model = await db.embeddingModels.register({ name: fixture.modelName, provider: 'transformers.js', dimension: fixture.dimension });
    await db.embeddingModels.activate(model.id);
    const paragraphs = (n: number, topic: string) => Array.from({ length: n }, (_, i) => `Paragraph ${i} of ${topic} talks about subject ${i % 23} in a few plain words.`).join('\n\n');
    await intake.ingest({ userId: owner.id }, [
      ...Array.from({ length: 3 }, (_, i) => ({ title: `Big ${i}`, content: paragraphs(1_500, `big ${i}`), mimeType: 'text/plain' as const })),
      ...Array.from({ length: 20 }, (_, i) => ({ title: `Small ${i}`, content: paragraphs(4, `small ${i}`), mimeType: 'text/plain' as const })),
    ]);
    const first = startWorkerProcess(db.url!);
    children.push(first);
    await until(async () => (await db.documentQueue.countByStatus()).READY === 23, 120_000);

    const target = await db.embeddingModels.register({ name: wide.modelName, provider: 'transformers.js', dimension: wide.dimension });
    const lifecycle = new ModelLifecycle(db, async () => {
      throw new Error('registered already');
    });
    await lifecycle.startReembedding(wide.modelName);
    const processing = async () => (await runSql(db, (sql) => sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM embedding_tasks WHERE status = 'PROCESSING'`)))[0]!.n;
    await until(async () => (await processing()) > 0 && (await lifecycle.progress(wide.modelName)).covered > 0, 120_000);
    first.kill('SIGKILL');
    await exited(first);
    const atKill = await lifecycle.progress(wide.modelName);
    expect(atKill.complete).toBe(false);

    // A worker configured with the model being built serves its run, and the active model's new documents.
    const second = startWorkerProcess(db.url!, { EMBEDDING_MODEL: wide.modelName, EMBEDDING_MODELS_DIR: wide.modelsDir });
    children.push(second);
    const [fresh] = await intake.ingest({ userId: owner.id }, [{ title: 'New during the run', content: paragraphs(3, 'fresh news'), mimeType: 'text/plain' }]);
    await until(async () => (await lifecycle.progress(wide.modelName)).complete, 180_000);
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);

    expect(await db.documents.findById({ userId: owner.id }, fresh!.id)).toMatchObject({ status: 'READY' });
    const check = await wholeDocuments(db, target.id);
    expect(check).toEqual({ documents: 24, whole: 24, tasks: 0 });
    expect((await db.embeddingModels.findActive())?.id).toBe(model.id);
  });
});
