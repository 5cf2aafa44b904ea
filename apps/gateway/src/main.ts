import { ApiKeyService, AuthService, ViewerResolver } from '@docent/auth';
import { resolveEmbeddingProvider } from '@docent/embeddings';
import { openDatabase } from '@docent/persistence';
import pino from 'pino';
import { ConfigError, loadConfig } from './config';
import { startGateway } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, redact: ['*.password', '*.passwordHash', '*.accessToken', '*.refreshToken', '*.secret', 'req.headers.authorization'] });
  const database = await openDatabase({ ...config.database, logger });
  const { provider } = await resolveEmbeddingProvider(config.embeddings, logger);
  const model = await database.embeddingModels.register({ name: provider.modelId, provider: provider.runtime, dimension: provider.dimension });
  await database.embeddingModels.activate(model.id);
  const authService = new AuthService(database, config.auth);
  if (config.ephemeralTokenSecret) logger.warn({}, 'AUTH_TOKEN_SECRET is not set: using a random one, so sign-ins end when this process stops');
  if (config.admin) {
    const admin = await authService.ensureAdmin(config.admin);
    logger.info({ admin: admin.email }, 'first admin is in place');
  }
  const auth = { service: authService, apiKeys: new ApiKeyService(database), viewers: new ViewerResolver(database, authService.accessTokens) };
  const gateway = await startGateway({ host: config.host, port: config.port, database, embeddingModel: model, auth, trustProxy: config.trustProxy, logger });
  logger.info(
    { graphql: `${gateway.url}/graphql`, database: database.kind, embeddingModel: model.name },
    `Docent is listening on ${gateway.url}/graphql (database: ${database.kind}, embedding model: ${provider.describe()})`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await gateway.stop();
    await provider.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Docent failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
