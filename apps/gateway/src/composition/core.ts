import { type EmbeddingEngineOptions, resolveEmbeddingProvider } from '@docent/embeddings';
import { type Database, openDatabase } from '@docent/persistence';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import { activeModelAtStart } from './active-model';
import { LoadedModels } from './loaded-models';
import { modelLoader, modelRuntime } from './model-loading';

export type CoreConfig = Pick<GatewayConfig, 'database' | 'embeddings' | 'documents'>;

export interface CoreOptions {
  /** An already open database (tests open scratch ones); closed with the rest. */
  database?: Database;
  /** On a database where no model is active yet (its first start), make the configured model the active one. */
  activateOnFirstStart: boolean;
  /** Called after every model call, e.g. to record metrics. */
  onBatch?: EmbeddingEngineOptions['onBatch'];
}

/**
 * What every Docent program needs: the database and the embedding models it serves (the
 * active one, and any being built), each with its engine and a chunker cut to its token budget.
 */
export async function composeCore(config: CoreConfig, logger: Logger, options: CoreOptions) {
  const database: Database = options.database ?? (await openDatabase({ ...config.database, logger }));
  try {
    const { provider } = await resolveEmbeddingProvider(config.embeddings, logger);
    const record = await database.embeddingModels.register({ name: provider.modelName, provider: provider.runtime, dimension: provider.dimension }).catch(async (error: unknown) => {
      await provider.close?.();
      throw error;
    });
    const configured = modelRuntime(record, provider, config, options.onBatch);
    const models = new LoadedModels(database, { load: modelLoader(config, logger, options.onBatch), preloaded: [configured], logger });
    try {
      const active = await activeModelAtStart(database, configured.model, options.activateOnFirstStart, logger);
      // Loaded now, so a process that cannot serve the active model refuses to start.
      await models.active().catch((error: unknown) => {
        throw new Error(`Search uses the embedding model ${active.name}, which cannot be loaded here: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
      return {
        database,
        models,
        /** Unloads the models and closes the database. */
        async close() {
          await models.close();
          await database.close();
        },
      };
    } catch (error) {
      await models.close();
      throw error;
    }
  } catch (error) {
    await database.close();
    throw error;
  }
}

export type Core = Awaited<ReturnType<typeof composeCore>>;
