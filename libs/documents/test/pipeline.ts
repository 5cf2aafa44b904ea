import { EmbeddingEngine, type EmbeddingProvider, createTransformersProvider, createUniversalSentenceEncoderProvider } from '@docent/embeddings';
import { ensureFixtureModel } from '@docent/embeddings/testing';
import type { Database } from '@docent/persistence';
import { DEFAULT_DOCUMENTS_CONFIG, DocumentIntake, DocumentProcessor, type DocumentsConfig, RecursiveChunker, SearchService } from '../src';

export const quietLogger = { info: () => undefined, warn: () => undefined };

/** The real tiny fixture model through transformers.js, or the pretrained Universal Sentence Encoder. */
export function realProvider(kind: 'fixture' | 'use-lite'): EmbeddingProvider {
  if (kind === 'use-lite') return createUniversalSentenceEncoderProvider({ threads: 1, backend: 'wasm' });
  const model = ensureFixtureModel('tiny');
  return createTransformersProvider({ modelName: model.modelName, modelsDir: model.modelsDir, dimension: model.dimension, maxInputTokens: 128, quantized: true, threads: 1, allowRemoteModels: false });
}

/** Intake, a worker and search wired as the gateway wires them, over one database and provider. */
export async function pipeline(db: Database, provider: EmbeddingProvider, overrides: Partial<DocumentsConfig> = {}) {
  const config = { ...DEFAULT_DOCUMENTS_CONFIG, chunkTokens: 64, chunkOverlapTokens: 8, backoffMs: 0, pollIntervalMs: 20, ...overrides };
  const engine = new EmbeddingEngine(provider);
  const model = await db.embeddingModels.register({ name: provider.modelName, provider: 'test', dimension: provider.dimension });
  const chunker = new RecursiveChunker((texts) => provider.countTokens(texts), { chunkTokens: config.chunkTokens, overlapTokens: config.chunkOverlapTokens });
  const worker = (workerEngine: Pick<EmbeddingEngine, 'generateEmbeddingsBatch'> = engine) =>
    new DocumentProcessor({ db, engine: workerEngine, modelId: model.id, chunker, config, logger: quietLogger });
  return {
    engine,
    intake: new DocumentIntake(db, config),
    worker,
    search: new SearchService(db, (text) => engine.embedQuery(text), model.id),
    /** Runs a worker until nothing is due. */
    async drain(processor = worker()) {
      while ((await processor.processBatch()) > 0);
    },
  };
}
