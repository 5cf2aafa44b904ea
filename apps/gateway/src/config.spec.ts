import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database under the working directory', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      logLevel: 'info',
      database: { url: undefined, dataDir: '.docent/pgdata', pgliteSharedBuffersMb: 32, poolMax: 10, efSearch: 100, indexPrecision: 'full', indexGraph: { m: 16, efConstruction: 64 } },
      embeddings: { provider: 'auto', modelName: 'Xenova/all-MiniLM-L6-v2', modelsDir: 'models', quantized: true, allowRemoteModels: false },
    });
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://docent:secret@db.internal:5432/docent' });

    expect(config.database.url).toBe('postgresql://docent:secret@db.internal:5432/docent');
  });

  it("reads the size of PGlite's page cache in MB, and refuses what is not a whole number from 1 to 1024", () => {
    expect(loadConfig({ PGLITE_SHARED_BUFFERS_MB: '128' }).database.pgliteSharedBuffersMb).toBe(128);
    expect(() => loadConfig({ PGLITE_SHARED_BUFFERS_MB: '0' })).toThrow('PGLITE_SHARED_BUFFERS_MB');
    expect(() => loadConfig({ PGLITE_SHARED_BUFFERS_MB: '32MB' })).toThrow('PGLITE_SHARED_BUFFERS_MB');
  });

  it('reads the HNSW index precision, and refuses anything but full or half', () => {
    expect(loadConfig({ HNSW_INDEX_PRECISION: 'half' }).database.indexPrecision).toBe('half');
    expect(() => loadConfig({ HNSW_INDEX_PRECISION: 'quarter' })).toThrow('HNSW_INDEX_PRECISION');
  });

  it('reads the HNSW graph settings, and refuses what pgvector would not build', () => {
    expect(loadConfig({ HNSW_M: '32', HNSW_EF_CONSTRUCTION: '128' }).database.indexGraph).toEqual({ m: 32, efConstruction: 128 });
    expect(() => loadConfig({ HNSW_M: '1' })).toThrow('HNSW_M');
    expect(() => loadConfig({ HNSW_EF_CONSTRUCTION: '1001' })).toThrow('HNSW_EF_CONSTRUCTION');
    expect(() => loadConfig({ HNSW_M: '48' })).toThrow('HNSW_EF_CONSTRUCTION must be at least 2 × HNSW_M');
  });

  it('reads the embedding model settings', () => {
    const config = loadConfig({ EMBEDDING_PROVIDER: 'use-lite', EMBEDDING_QUANTIZED: 'false', EMBEDDING_THREADS: '3', EMBEDDING_MODELS_DIR: '/srv/models' });

    expect(config.embeddings).toMatchObject({ provider: 'use-lite', quantized: false, threads: 3, modelsDir: '/srv/models' });
  });

  it('reads an OpenAI-compatible embedding server, and requires its URL', () => {
    const config = loadConfig({ EMBEDDING_PROVIDER: 'openai', EMBEDDING_MODEL: 'nomic-embed-text', EMBEDDING_BASE_URL: 'http://127.0.0.1:11434/v1', EMBEDDING_API_KEY: 'sk-x', EMBEDDING_DIMENSION: '768' });

    expect(config.embeddings).toMatchObject({ provider: 'openai', modelName: 'nomic-embed-text', http: { baseUrl: 'http://127.0.0.1:11434/v1', apiKey: 'sk-x', dimension: 768, maxBatchSize: 64 } });
    expect(() => loadConfig({ EMBEDDING_PROVIDER: 'openai' })).toThrow('EMBEDDING_BASE_URL: required when EMBEDDING_PROVIDER=openai');
  });

  it('requires AUTH_TOKEN_SECRET in production, and uses a throwaway one elsewhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('AUTH_TOKEN_SECRET: required when NODE_ENV=production');
    const development = loadConfig({});

    expect(development.ephemeralTokenSecret).toBe(true);
    expect(development.auth.tokenSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ AUTH_TOKEN_SECRET: 's'.repeat(40) }).auth.tokenSecret).toBe('s'.repeat(40));
  });

  it('takes the first admin only with both email and password', () => {
    expect(() => loadConfig({ DOCENT_ADMIN_EMAIL: 'admin@example.org' })).toThrow('set both or neither');
    expect(loadConfig({ DOCENT_ADMIN_EMAIL: 'admin@example.org', DOCENT_ADMIN_PASSWORD: 'a long admin passphrase' }).admin).toEqual({
      email: 'admin@example.org',
      password: 'a long admin passphrase',
    });
  });

  it('lists every problem at once, without echoing values that may be secrets', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@x/y', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'LOG_LEVEL', 'DATABASE_URL']);
    expect((error as Error).message).not.toContain('hunter2');
  });
});
