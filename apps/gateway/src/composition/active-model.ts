import { DocentError } from '@docent/common';
import type { Database, EmbeddingModelRecord } from '@docent/persistence';
import type { Logger } from 'pino';

/**
 * The model a starting process serves: the database's active one. The configured model only
 * chooses the first model of a fresh database (when `activateOnFirstStart`); a process
 * configured with another says so, naming both, and serves the active one anyway, plus the
 * configured one's re-embedding run if one is building it. Never a switch as a side effect.
 */
export async function activeModelAtStart(
  database: Pick<Database, 'embeddingModels'>,
  configured: EmbeddingModelRecord,
  activateOnFirstStart: boolean,
  logger: Logger,
): Promise<EmbeddingModelRecord> {
  const active = await database.embeddingModels.findActive();
  if (active?.id === configured.id) return active;
  if (active === null) {
    if (!activateOnFirstStart) {
      throw new DocentError('MODEL_NOT_ACTIVE', `No embedding model is active yet: start a gateway first (on a fresh database it makes ${configured.name} the active model)`);
    }
    logger.info({ embeddingModel: configured.name }, `no embedding model was active yet: ${configured.name} is now the one search uses`);
    return database.embeddingModels.activate(configured.id);
  }
  const role = configured.buildStartedAt ? `and serves the re-embedding run that is building ${configured.name}` : `(EMBEDDING_MODEL only chooses the first model of a fresh database)`;
  logger.warn(
    { embeddingModel: active.name, configured: configured.name },
    `search uses the embedding model ${active.name}, not the configured ${configured.name}: this process serves ${active.name} ${role}. ` +
      'To switch search to another model: registerEmbeddingModel, startReembedding, then promoteEmbeddingModel.',
  );
  return active;
}
