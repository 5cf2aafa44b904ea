import { RecursiveChunker } from '@docent/documents';
import { EmbeddingEngine, type EmbeddingEngineOptions, resolveEmbeddingProvider } from '@docent/embeddings';
import { type Database, openDatabase } from '@docent/persistence';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import { type ModelChoice, modelToServe } from './active-model';

export type CoreConfig = Pick<GatewayConfig, 'database' | 'embeddings' | 'documents'>;

export interface CoreOptions {
  /** An already open database (tests open scratch ones); closed with the rest. */
  database?: Database;
  modelChoice: ModelChoice;
  /** Called after every model call, e.g. to record metrics. */
  onBatch?: EmbeddingEngineOptions['onBatch'];
}

/**
 * What every Docent program needs: the database, the embedding engine over the configured
 * provider, the model it serves, and the chunker cut to that model's token budget.
 */
export async function composeCore(config: CoreConfig, logger: Logger, options: CoreOptions) {
  const database: Database = options.database ?? (await openDatabase({ ...config.database, logger }));
  try {
    const { provider } = await resolveEmbeddingProvider(config.embeddings, logger);
    const engine = new EmbeddingEngine(provider, { onBatch: options.onBatch });
    try {
      const model = await modelToServe(database, provider, options.modelChoice, logger);
      const chunker = new RecursiveChunker(engine.countTokens, {
        chunkTokens: Math.min(config.documents.chunkTokens, provider.maxInputTokens),
        overlapTokens: config.documents.chunkOverlapTokens,
      });
      return {
        database,
        engine,
        model,
        chunker,
        /** Stops the model's threads and closes the database. */
        async close() {
          await engine.close();
          await database.close();
        },
      };
    } catch (error) {
      await engine.close();
      throw error;
    }
  } catch (error) {
    await database.close();
    throw error;
  }
}

export type Core = Awaited<ReturnType<typeof composeCore>>;
