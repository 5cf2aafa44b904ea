// A document worker on its own, for scaling ingestion out: several worker processes (and
// gateways) share one PostgreSQL database; the queue's SKIP LOCKED claims spread the work.
import { composeDocent } from './composition';
import { ConfigError, loadConfig } from './config';
import { createLogger, runProgram } from './logging';
import { stopOnSignals } from './shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url) throw new ConfigError(['DATABASE_URL: a separate worker needs PostgreSQL (the embedded database belongs to one process)']);
  const logger = createLogger(config.logLevel);
  const docent = await composeDocent(config, logger);
  docent.processor.start();
  logger.info({ worker: docent.processor.workerId, embeddingModel: docent.model.name }, 'document worker started');

  stopOnSignals(logger, () => docent.close());
}

runProgram('Docent worker', main);
