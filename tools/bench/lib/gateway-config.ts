import { ensureFixtureModel } from '@docent/embeddings/testing';
import { type GatewayConfig, loadConfig } from '../../../apps/gateway/src/config';

/**
 * A gateway's configuration as benchmarks run it: a free port, no logs, no sign-in rate limit,
 * and the MiniLM-shaped fixture model unless `env` names another provider.
 */
export function benchGatewayConfig(env: Record<string, string>): GatewayConfig {
  const model = ensureFixtureModel('minilm');
  return loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    AUTH_TOKEN_SECRET: 'bench-secret-of-more-than-32-characters-000000',
    AUTH_RATE_LIMIT_PER_IP: '1000000',
    EMBEDDING_PROVIDER: 'transformers',
    EMBEDDING_MODEL: model.modelName,
    EMBEDDING_MODELS_DIR: model.modelsDir,
    ...env,
  });
}
