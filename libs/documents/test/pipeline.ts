import { EmbeddingEngine, type EmbeddingProvider, createTransformersProvider, createUniversalSentenceEncoderProvider } from '@docent/embeddings';
import { ensureFixtureModel } from '@docent/embeddings/testing';
import type { Database } from '@docent/persistence';
import { DEFAULT_DOCUMENTS_CONFIG, DocumentIntake, DocumentProcessor, type DocumentsConfig, type ModelRuntime, RecursiveChunker, SearchService, fixedModel } from '../src';

export const quietLogger = { info: () => undefined, warn: () => undefined };

/** A real tiny fixture model through transformers.js, or the pretrained Universal Sentence Encoder. */
export function realProvider(kind: 'fixture' | 'fixture-wide' | 'use-lite'): EmbeddingProvider {
  if (kind === 'use-lite') return createUniversalSentenceEncoderProvider({ threads: 1, backend: 'wasm' });
  const model = ensureFixtureModel(kind === 'fixture' ? 'tiny' : 'tinyWide');
  return createTransformersProvider({ modelName: model.modelName, modelsDir: model.modelsDir, dimension: model.dimension, maxInputTokens: 128, quantized: true, threads: 1, allowRemoteModels: false });
}

export const TEST_CONFIG: DocumentsConfig = { ...DEFAULT_DOCUMENTS_CONFIG, chunkTokens: 64, chunkOverlapTokens: 8, backoffMs: 0, pollIntervalMs: 20 };

/** A registered model with its engine and a chunker, as the gateway loads one. */
export async function modelRuntime(db: Database, provider: EmbeddingProvider, config: DocumentsConfig = TEST_CONFIG) {
  const model = await db.embeddingModels.register({ name: provider.modelName, provider: provider.runtime, dimension: provider.dimension });
  const chunker = new RecursiveChunker((texts) => provider.countTokens(texts), { chunkTokens: config.chunkTokens, overlapTokens: config.chunkOverlapTokens });
  return { model, engine: new EmbeddingEngine(provider), chunker };
}

/** Intake, a worker and search wired as the gateway wires them, over one database and provider, whose model is made the active one. */
export async function pipeline(db: Database, provider: EmbeddingProvider, overrides: Partial<DocumentsConfig> = {}) {
  const config = { ...TEST_CONFIG, ...overrides };
  const runtime = await modelRuntime(db, provider, config);
  await db.embeddingModels.activate(runtime.model.id);
  const { engine } = runtime;
  const worker = (workerEngine: Pick<EmbeddingEngine, 'generateEmbeddingsBatch'> = engine) =>
    new DocumentProcessor({ db, models: fixedModel({ ...runtime, engine: workerEngine as ModelRuntime['engine'] }), config, logger: quietLogger });
  return {
    engine,
    intake: new DocumentIntake(db, config),
    worker,
    search: new SearchService(db, fixedModel(runtime)),
    /** Runs a worker until nothing is due. */
    async drain(processor = worker()) {
      while ((await processor.processBatch()) > 0);
    },
  };
}
