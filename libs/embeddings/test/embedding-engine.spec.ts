import { EmbeddingEngine, cosineSimilarity } from '../src';
import { norm, tinyFixtureProvider } from './fixture-provider';
import { RecordingProvider } from './recording-provider';

const SENTENCES = [
  'Docent turns documents into searchable embeddings.',
  'Short.',
  'The quick brown fox jumps over the lazy dog while the cat watches from the windowsill.',
  'PostgreSQL with pgvector stores the vectors; HNSW finds the nearest ones quickly.',
  'Batches of similar length waste less compute on padding tokens.',
  'émigré naïve café — unicode survives tokenization',
];

describe('EmbeddingEngine with the transformers.js provider (tiny fixture model)', () => {
  let engines: EmbeddingEngine[] = [];
  const engineWith = (provider: ConstructorParameters<typeof EmbeddingEngine>[0], options = {}) => {
    const engine = new EmbeddingEngine(provider, options);
    engines.push(engine);
    return engine;
  };
  afterEach(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    engines = [];
  });

  it('generateEmbeddingsBatch embeds a batch with one model call per batch and returns vectors of the model dimension', async () => {
    const provider = tinyFixtureProvider();
    const engine = engineWith(provider, { maxBatchSize: 32 });

    const result = await engine.generateEmbeddingsBatch(SENTENCES);

    expect(provider.stats().modelCalls).toBe(1);
    expect(result.vectors).toHaveLength(SENTENCES.length);
    expect(result.invalid).toEqual([]);
    expect(result.modelName).toBe(provider.modelName);
    for (const vector of result.vectors) {
      expect(vector).toHaveLength(32);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
    expect(cosineSimilarity(result.vectors[0]!, result.vectors[1]!)).toBeLessThan(0.999);
  });

  it('generateEmbeddingsBatch with invalid inputs returns zero vectors in their slots, never sends them to the model, and reports them', async () => {
    const provider = new RecordingProvider(tinyFixtureProvider());
    const engine = engineWith(provider);
    const inputs: unknown[] = ['alpha document', '', '   \n\t', null, undefined, 42, { text: 'object' }, 'beta document'];

    const result = await engine.generateEmbeddingsBatch(inputs);
    const alone = await engine.generateEmbeddingsBatch(['alpha document']);
    const betaAlone = await engine.generateEmbeddingsBatch(['beta document']);

    // Only the two real texts reached the model (in length order: the scheduler sorts batches).
    expect(provider.calls[0]).toEqual(['beta document', 'alpha document']);
    expect(result.invalid).toEqual([
      { index: 1, reason: 'empty' },
      { index: 2, reason: 'whitespace only' },
      { index: 3, reason: 'not a string' },
      { index: 4, reason: 'not a string' },
      { index: 5, reason: 'not a string' },
      { index: 6, reason: 'not a string' },
    ]);
    for (const index of [1, 2, 3, 4, 5, 6]) expect(Array.from(result.vectors[index]!)).toEqual(new Array(32).fill(0));
    expect(cosineSimilarity(result.vectors[0]!, alone.vectors[0]!)).toBeGreaterThanOrEqual(0.9999);
    expect(cosineSimilarity(result.vectors[7]!, betaAlone.vectors[0]!)).toBeGreaterThanOrEqual(0.9999);
  });

  it('generateEmbeddingsBatch with an empty list returns [] without loading the model', async () => {
    const provider = tinyFixtureProvider(1, { fresh: true });
    const engine = engineWith(provider);

    const result = await engine.generateEmbeddingsBatch([]);

    expect(result.vectors).toEqual([]);
    expect(provider.stats()).toEqual({ modelCalls: 0, workersStarted: 0, modelLoads: 0 });
  });

  it('gives the same vectors in a batch as one at a time: padding does not leak', async () => {
    const engine = engineWith(tinyFixtureProvider(), { maxBatchSize: 64 });

    const batched = await engine.generateEmbeddingsBatch(SENTENCES);
    for (const [i, sentence] of SENTENCES.entries()) {
      const single = await engine.generateEmbeddingsBatch([sentence]);
      expect(cosineSimilarity(batched.vectors[i]!, single.vectors[0]!)).toBeGreaterThanOrEqual(0.9999);
    }
  });

  it("truncates texts longer than the model's limit instead of failing", async () => {
    const engine = engineWith(tinyFixtureProvider());
    const opening = Array.from({ length: 200 }, (_, i) => `word${i % 50}`).join(' ');

    const { vectors, invalid } = await engine.generateEmbeddingsBatch([`${opening} and then one ending`, `${opening} but a wholly different ending`]);

    expect(invalid).toEqual([]);
    expect(vectors.every((vector) => vector.every(Number.isFinite))).toBe(true);
    // Both texts share their first 128 tokens; past the limit nothing else is seen.
    expect(cosineSimilarity(vectors[0]!, vectors[1]!)).toBeGreaterThanOrEqual(0.9999);
  });

  it('loads the model once per process even when 20 calls race for it', async () => {
    const provider = tinyFixtureProvider(1, { fresh: true });
    const engine = engineWith(provider, { maxWaitMs: 0, maxBatchSize: 2 });

    const results = await Promise.all(SENTENCES.concat(SENTENCES, SENTENCES, SENTENCES).slice(0, 20).map((text) => engine.generateEmbeddingsBatch([text])));

    expect(results).toHaveLength(20);
    expect(provider.stats().workersStarted).toBe(1);
    expect(provider.stats().modelLoads).toBe(1);
    expect(provider.stats().modelCalls).toBeGreaterThan(1);
  });

  it("coalesces many callers' texts into full batches", async () => {
    const provider = tinyFixtureProvider();
    const engine = engineWith(provider, { maxBatchSize: 8, maxWaitMs: 50 });

    await Promise.all(Array.from({ length: 24 }, (_, i) => engine.generateEmbeddingsBatch([`caller ${i} has one sentence`])));

    expect(provider.stats().modelCalls).toBe(3);
  });

  it('reports every model call, with its size and duration, to onBatch', async () => {
    const reports: { size: number; durationMs: number; failed: boolean }[] = [];
    const engine = engineWith(tinyFixtureProvider(), { maxBatchSize: 4, maxWaitMs: 20, onBatch: (report: (typeof reports)[number]) => reports.push(report) });

    await engine.generateEmbeddingsBatch(SENTENCES);

    expect(reports.map((report) => report.size)).toEqual([4, 2]);
    expect(reports.every((report) => report.durationMs > 0 && !report.failed)).toBe(true);
    expect(engine.queuedTexts).toBe(0);
  });

  it('serves a search query ahead of a large ingestion already queued, and keeps the event loop free', async () => {
    const provider = new RecordingProvider(tinyFixtureProvider(1));
    const engine = engineWith(provider, { maxBatchSize: 16, maxWaitMs: 1 });
    const chunks = Array.from({ length: 2_000 }, (_, i) => `chunk ${i} of a long document about ${SENTENCES[i % SENTENCES.length]}`);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);

    let ingestionDone = false;
    const ingestion = engine.generateEmbeddingsBatch(chunks).then((result) => {
      ingestionDone = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const query = await engine.embedQuery('where is the search query?');
    const ingestedWhenQueryAnswered = ingestionDone;
    const ingested = await ingestion;
    clearInterval(timer);

    expect(query).toHaveLength(32);
    expect(ingestedWhenQueryAnswered).toBe(false);
    expect(ingested.vectors).toHaveLength(2_000);
    const queryCall = provider.calls.findIndex((call) => call.includes('where is the search query?'));
    expect(queryCall).toBeGreaterThan(-1);
    expect(queryCall).toBeLessThan(provider.calls.length - 10);
    // Inference ran on a worker thread: the main thread kept running its timers meanwhile.
    expect(ticks).toBeGreaterThan(50);
  });

  it('embeds a query ahead of the token counts waiting on the light thread (documents being chunked)', async () => {
    const engine = engineWith(tinyFixtureProvider(), {});
    await engine.embedQuery('warm up');
    const document = SENTENCES.join(' ').repeat(40);
    let counted = 0;
    const counts = Array.from({ length: 30 }, () => engine.countTokens([document, document]).then(() => void counted++));

    const countedWhenAnswered = await engine.embedQuery('where is the search query?').then(() => counted);
    await Promise.all(counts);

    // Only the count the thread had already started came first; in arrival order all 30 would.
    expect(countedWhenAnswered).toBeLessThanOrEqual(1);
    expect(counted).toBe(30);
  });

  it("embeds queries on the provider's light thread, without waiting for the ingestion batch in flight", async () => {
    const reports: { size: number }[] = [];
    const engine = engineWith(tinyFixtureProvider(), { maxBatchSize: 500, maxWaitMs: 1, onBatch: (report: { size: number }) => reports.push(report) });
    const query = 'where is the search query?';
    const warm = await engine.embedQuery(query);
    const chunks = Array.from({ length: 2_000 }, (_, i) => `chunk ${i} of a long document about ${SENTENCES[i % SENTENCES.length]} and more`);

    const ingestion = engine.generateEmbeddingsBatch(chunks);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const batchesBefore = reports.filter((report) => report.size === 500).length;
    const answered = await engine.embedQuery(query);
    const batchesWhenAnswered = reports.filter((report) => report.size === 500).length;
    await ingestion;

    // Only the one worker thread embeds ingestion batches; the query did not wait for its batch.
    expect(batchesWhenAnswered).toBe(batchesBefore);
    expect(reports.filter((report) => report.size === 500)).toHaveLength(4);
    expect(cosineSimilarity(answered, warm)).toBeGreaterThan(0.9999);
  });
});
