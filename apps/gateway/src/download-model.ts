// `npm run models:download`: fetches the configured transformers.js model (EMBEDDING_MODEL,
// EMBEDDING_QUANTIZED) from EMBEDDING_HUB_URL into EMBEDDING_MODELS_DIR, so Docent serves it
// offline from then on. Files already there are kept.
import { downloadModel } from '@docent/embeddings';
import { loadConfig } from './config';
import { createLogger, runProgram } from './logging';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const { downloaded, present } = await downloadModel(config.embeddings, logger);
  logger.info({ model: config.embeddings.modelName, modelsDir: config.embeddings.modelsDir, downloaded, present }, `${config.embeddings.modelName} is in ${config.embeddings.modelsDir}`);
}

runProgram('Docent models:download', main);
