import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureFixtureModel } from '@docent/embeddings/testing';
import { type GatewayConfig, loadConfig } from '../../../apps/gateway/src/config';

/**
 * A gateway's configuration as benchmarks run it: a free port, no logs, no sign-in rate limit,
 * and the MiniLM-shaped fixture model unless `env` names another provider.
 */
export function benchGatewayConfig(env: Record<string, string>): GatewayConfig {
  return loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    AUTH_TOKEN_SECRET: 'bench-secret-of-more-than-32-characters-000000',
    AUTH_RATE_LIMIT_PER_IP: '1000000',
    ...benchProviderEnv('fixture'),
    ...env,
  });
}

/**
 * The embedding settings of a gateway process a benchmark starts: the MiniLM-shaped fixture, or
 * `use-lite`, the offline default (Universal Sentence Encoder lite, converted once into a models
 * folder the benchmarks share).
 */
export function benchProviderEnv(provider: 'fixture' | 'use-lite'): Record<string, string> {
  if (provider === 'use-lite') return { EMBEDDING_PROVIDER: 'use-lite', EMBEDDING_MODELS_DIR: path.join(tmpdir(), 'docent-bench-models') };
  const model = ensureFixtureModel('minilm');
  return { EMBEDDING_PROVIDER: 'transformers', EMBEDDING_MODEL: model.modelName, EMBEDDING_MODELS_DIR: model.modelsDir };
}
