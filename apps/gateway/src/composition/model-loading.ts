import { RecursiveChunker } from '@docent/documents';
import type { ModelInspector } from '@docent/documents';
import { EmbeddingEngine, type EmbeddingEngineOptions, type EmbeddingProvider, type EmbeddingsConfig, resolveEmbeddingProvider } from '@docent/embeddings';
import type { EmbeddingModelRecord } from '@docent/persistence';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import type { LoadedModel } from './loaded-models';

export type ModelConfig = Pick<GatewayConfig, 'embeddings' | 'documents'>;

/** The EMBEDDING_PROVIDER value that loads a model recorded with this runtime. */
const PROVIDER_OF_RUNTIME: Record<string, EmbeddingsConfig['provider']> = {
  'transformers.js': 'transformers',
  'tensorflow.js': 'use-lite',
  'openai-compatible-http': 'openai',
};

/** An engine over the provider and a chunker cut to its token budget. */
export function modelRuntime(model: EmbeddingModelRecord, provider: EmbeddingProvider, config: ModelConfig, onBatch?: EmbeddingEngineOptions['onBatch']): LoadedModel {
  const engine = new EmbeddingEngine(provider, { onBatch });
  const chunker = new RecursiveChunker(engine.countTokens, {
    chunkTokens: Math.min(config.documents.chunkTokens, provider.maxInputTokens),
    overlapTokens: config.documents.chunkOverlapTokens,
  });
  return { model, engine, chunker, close: () => engine.close() };
}

/**
 * Loads the provider of a model named by its runtime and name, with this process's settings
 * (models folder, threads, HTTP server). Downloads follow EMBEDDING_ALLOW_REMOTE_MODELS.
 */
export async function loadProvider(model: { provider: string; name: string }, config: ModelConfig, logger: Logger): Promise<EmbeddingProvider> {
  const provider = PROVIDER_OF_RUNTIME[model.provider];
  if (!provider) throw new Error(`unknown runtime ${JSON.stringify(model.provider)} (known: ${Object.keys(PROVIDER_OF_RUNTIME).join(', ')})`);
  const { provider: loaded } = await resolveEmbeddingProvider({ ...config.embeddings, provider, modelName: model.name }, logger);
  if (loaded.modelName !== model.name) {
    await loaded.close?.();
    throw new Error(`${model.provider} loads ${loaded.modelName}, not ${model.name}`);
  }
  return loaded;
}

/** Loads a registered model, refusing one whose dimension is not the recorded one. */
export function modelLoader(config: ModelConfig, logger: Logger, onBatch?: EmbeddingEngineOptions['onBatch']): (model: EmbeddingModelRecord) => Promise<LoadedModel> {
  return async (model) => {
    const provider = await loadProvider(model, config, logger);
    if (provider.dimension !== model.dimension) {
      await provider.close?.();
      throw new Error(`${model.name} makes ${provider.dimension}-dimensional vectors here, but is registered with ${model.dimension}`);
    }
    return modelRuntime(model, provider, config, onBatch);
  };
}

/** What registering a model needs to know of it, learnt by loading it here. */
export function modelInspector(config: ModelConfig, logger: Logger): ModelInspector {
  return async (model) => {
    const provider = await loadProvider(model, config, logger);
    try {
      // One embedding proves the model runs, and an HTTP provider learns its dimension from it.
      await provider.embedBatch(['Docent']);
      return { name: provider.modelName, provider: provider.runtime, dimension: provider.dimension };
    } finally {
      await provider.close?.();
    }
  };
}
