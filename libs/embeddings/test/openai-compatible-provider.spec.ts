import { DEFAULT_EMBEDDINGS_CONFIG, EmbeddingEngine, type EmbeddingProvider, connectOpenAICompatibleProvider, cosineSimilarity, resolveEmbeddingProvider } from '../src';
import { FIXTURE_MODELS } from '../src/testing';
import { tinyFixtureProvider } from './fixture-provider';
import { type EmbeddingServer, startEmbeddingServer } from './openai-compatible-server';

const API_KEY = 'sk-test-key-of-the-local-server';
const TEXTS = Array.from({ length: 10 }, (_, i) => `Sentence number ${i} is about ${['tea', 'bicycles', 'rivers', 'compilers', 'bread'][i % 5]}.`);

describe('the OpenAI-compatible HTTP provider, against a real local /v1/embeddings server', () => {
  const local = tinyFixtureProvider();
  let server: EmbeddingServer;
  const connect = (overrides: Partial<Parameters<typeof connectOpenAICompatibleProvider>[0]> = {}): Promise<EmbeddingProvider> =>
    connectOpenAICompatibleProvider({ baseUrl: server.url, apiKey: API_KEY, model: FIXTURE_MODELS.tiny.id, maxBatchSize: 4, backoffMs: 5, ...overrides });

  beforeEach(async () => {
    server = await startEmbeddingServer(local, { apiKey: API_KEY, maxInputs: 4 });
  });
  afterEach(async () => {
    await server.close();
  });
  afterAll(() => local.close());

  it('returns the vectors the local provider makes, in input order, in requests no larger than the server takes', async () => {
    const provider = await connect();
    server.requests.length = 0;

    const remote = await provider.embedBatch(TEXTS);
    const direct = await local.embedBatch(TEXTS);

    expect(provider.dimension).toBe(local.dimension);
    expect(remote).toHaveLength(TEXTS.length);
    // Equal up to float noise: the server batched them in fours, which pads them differently.
    remote.forEach((vector, i) => expect(cosineSimilarity(vector, direct[i]!)).toBeGreaterThan(0.99999));
    expect(server.requests.map((request) => request.inputs)).toEqual([4, 4, 2]);
    expect(server.requests.every((request) => request.authorization === `Bearer ${API_KEY}`)).toBe(true);
  });

  it.each<[string, () => void, number]>([
    ['two 429s with Retry-After', () => server.faults.push({ status: 429, retryAfterSeconds: 0 }, { status: 429, retryAfterSeconds: 0 }), 3],
    ['a 503', () => server.faults.push({ status: 503 }), 2],
    ['a dropped connection', () => server.faults.push({ drop: true }), 2],
    ['an answer slower than the timeout', () => server.faults.push({ delayMs: 1_000 }), 2],
  ])('retries after %s and then succeeds', async (_, inject, requests) => {
    const provider = await connect({ timeoutMs: 300 });
    server.requests.length = 0;
    inject();

    await expect(provider.embedBatch(TEXTS.slice(0, 3))).resolves.toHaveLength(3);
    expect(server.requests).toHaveLength(requests);
  });

  it('gives up after its retries with an error that names the server and the last failure', async () => {
    const provider = await connect({ maxRetries: 2 });
    server.faults.push({ status: 503 }, { status: 503 }, { status: 503 });

    await expect(provider.embedBatch(['one'])).rejects.toThrow(`The embedding server at ${server.url} failed (after 2 retries): HTTP 503: {"error":{"message":"injected 503"}}`);
  });

  it('says so when the server never answers in time', async () => {
    const provider = await connect({ timeoutMs: 100, maxRetries: 1 });
    server.faults.push({ delayMs: 500 }, { delayMs: 500 });

    await expect(provider.embedBatch(['one'])).rejects.toThrow('failed (after 1 retry): no answer within 100 ms');
  });

  it('does not retry a wrong API key, and says what the server said', async () => {
    server.requests.length = 0;

    await expect(connect({ apiKey: 'sk-wrong' })).rejects.toThrow('HTTP 401: {"error":{"message":"Incorrect API key provided"}}');
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a dimension other than the configured one at connect, and a change of dimension later', async () => {
    await expect(connect({ dimension: 384 })).rejects.toThrow(`returns ${local.dimension}-d vectors, but 384 were configured`);
    const provider = await connect({ dimension: local.dimension });
    server.faults.push({ dimension: 16 });

    await expect(provider.embedBatch(['one'])).rejects.toThrow(`returned a 16-d vector; it returned ${local.dimension}-d ones before`);
  });

  it('plugs into the engine and the configuration through the provider interface alone', async () => {
    const { provider, reason } = await resolveEmbeddingProvider({
      ...DEFAULT_EMBEDDINGS_CONFIG,
      provider: 'openai',
      modelName: FIXTURE_MODELS.tiny.id,
      http: { baseUrl: server.url, apiKey: API_KEY, dimension: undefined, maxBatchSize: 4 },
    });
    const engine = new EmbeddingEngine(provider);

    const { vectors, modelName } = await engine.generateEmbeddingsBatch(TEXTS);
    const chunkTokens = await engine.countTokens(['a few words here']);

    expect(reason).toBe(`EMBEDDING_PROVIDER=openai at ${server.url}`);
    expect(modelName).toBe(FIXTURE_MODELS.tiny.id);
    expect(vectors).toHaveLength(TEXTS.length);
    expect(chunkTokens[0]).toBeGreaterThanOrEqual(4);
    expect(provider.describe()).not.toContain(API_KEY);
    await engine.close();
  });
});
