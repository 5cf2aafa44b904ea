import { DocentError } from '@docent/common';
import type { EmbeddingProvider } from '@docent/embeddings';
import type { Database, EmbeddingModelRecord } from '@docent/persistence';
import type { Logger } from 'pino';

export interface ModelChoice {
  /** On a database where no model is active yet (its first start), make this process's model the active one. */
  activateOnFirstStart: boolean;
  /** Make this process's model the active one even if another is: an operator's explicit switch. */
  activate: boolean;
}

/**
 * The model a process serves: the active one, which must be the model it is configured with.
 * A process never switches search to its own model as a side effect of starting; only a fresh
 * database (no active model) or an operator's explicit ACTIVATE_EMBEDDING_MODEL=true does.
 */
export async function modelToServe(database: Pick<Database, 'embeddingModels'>, provider: EmbeddingProvider, choice: ModelChoice, logger: Logger): Promise<EmbeddingModelRecord> {
  const configured = await database.embeddingModels.register({ name: provider.modelName, provider: provider.runtime, dimension: provider.dimension });
  const active = await database.embeddingModels.findActive();
  if (active?.id === configured.id) return configured;
  if (active === null && choice.activateOnFirstStart) {
    logger.info({ embeddingModel: configured.name }, `no embedding model was active yet: ${configured.name} is now the one search uses`);
    return database.embeddingModels.activate(configured.id);
  }
  if (active !== null && choice.activate) {
    logger.warn(
      { embeddingModel: configured.name, previous: active.name },
      `ACTIVATE_EMBEDDING_MODEL=true: search now uses ${configured.name} instead of ${active.name}; run the reembedDocuments mutation to re-embed existing documents`,
    );
    return database.embeddingModels.activate(configured.id);
  }
  if (active === null) {
    throw new DocentError('MODEL_NOT_ACTIVE', `No embedding model is active yet: start a gateway first (on a fresh database it makes ${configured.name} the active model)`);
  }
  throw new DocentError(
    'MODEL_MISMATCH',
    `Search uses the embedding model ${active.name}, but this process is configured with ${configured.name}. ` +
      `Configure ${active.name} (EMBEDDING_MODEL, EMBEDDING_PROVIDER) to serve it, or start a gateway with ACTIVATE_EMBEDDING_MODEL=true to switch search to ${configured.name}.`,
  );
}
