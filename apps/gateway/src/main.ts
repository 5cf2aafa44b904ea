import { composeGateway } from './composition/gateway';
import { loadConfig } from './config';
import { createLogger, runProgram } from './logging';
import { startGateway } from './server';
import { stopOnSignals } from './shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const docent = await composeGateway(config, logger);
  if (config.ephemeralTokenSecret) logger.warn({}, 'AUTH_TOKEN_SECRET is not set: using a random one, so sign-ins end when this process stops');
  if (config.admin) {
    const admin = await docent.auth.service.ensureAdmin(config.admin);
    logger.info({ admin: admin.email }, 'first admin is in place');
  }
  if (config.documentWorker) docent.processor.start();
  const gateway = await startGateway({
    host: config.host,
    port: config.port,
    docent,
    limits: config.limits,
    subscriptions: config.subscriptions,
    graphiql: config.graphiql,
    introspection: config.introspection,
    metrics: config.metrics,
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
    logger,
  });
  const urls = {
    graphql: `${gateway.url}/graphql`,
    graphiql: config.graphiql ? `${gateway.url}/graphiql` : undefined,
    metrics: config.metrics ? `${gateway.url}/metrics` : undefined,
  };
  const { model, engine } = await docent.models.active();
  logger.info(
    { ...urls, database: docent.database.kind, embeddingModel: model.name, documentWorker: config.documentWorker },
    `Docent is listening on ${urls.graphql}${urls.graphiql ? ` (GraphiQL: ${urls.graphiql})` : ''}; database: ${docent.database.kind}; embedding model: ${engine.provider.describe()}`,
  );

  stopOnSignals(logger, async () => {
    await gateway.stop();
    await docent.close();
  });
}

runProgram('Docent', main);
