// A document worker on its own, for scaling ingestion out: several worker processes (and
// gateways) share one PostgreSQL database; the queue's SKIP LOCKED claims spread the work.
import { composeWorker } from './composition/worker';
import { ConfigError, loadConfig } from './config';
import { createLogger, runProgram } from './logging';
import { stopOnSignals } from './shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url) throw new ConfigError(['DATABASE_URL: a separate worker needs PostgreSQL (the embedded database belongs to one process)']);
  const logger = createLogger(config.logLevel);
  const worker = await composeWorker(config, logger);
  worker.processor.start();
  logger.info({ worker: worker.processor.workerId, embeddingModel: (await worker.models.active()).model.name }, 'document worker started');

  stopOnSignals(logger, () => worker.close());
}

runProgram('Docent worker', main);
