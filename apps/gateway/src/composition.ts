import { ApiKeyService, AuthService, ViewerResolver } from '@docent/auth';
import { DocumentIntake, DocumentLibrary, DocumentProcessor, type DocumentsServices, RecursiveChunker, SearchService } from '@docent/documents';
import { EmbeddingEngine, resolveEmbeddingProvider } from '@docent/embeddings';
import { type Database, openDatabase } from '@docent/persistence';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config';
import { DocentMetrics } from './metrics/docent-metrics';

export interface CompositionOverrides {
  /** An already open database (tests open scratch ones); closed with the rest. */
  database?: Database;
}

/** Every service of a Docent process, wired from configuration: the gateway's and the worker's. */
export async function composeDocent(config: GatewayConfig, logger: Logger, overrides: CompositionOverrides = {}) {
  const database: Database = overrides.database ?? (await openDatabase({ ...config.database, logger }));
  try {
    const metrics = new DocentMetrics();
    const { provider } = await resolveEmbeddingProvider(config.embeddings, logger);
    const engine = new EmbeddingEngine(provider, { onBatch: metrics.recordEmbeddingBatch });
    const model = await database.embeddingModels.register({ name: provider.modelId, provider: provider.runtime, dimension: provider.dimension });
    await database.embeddingModels.activate(model.id);
    // Load the model now, so the first search is not the one that waits for it.
    await engine.embedQuery('Docent');

    const chunker = new RecursiveChunker((texts) => provider.countTokens(texts), {
      chunkTokens: Math.min(config.documents.chunkTokens, provider.maxInputTokens),
      overlapTokens: config.documents.chunkOverlapTokens,
    });
    const library = new DocumentLibrary(database, model.id);
    metrics.watch({ queueStats: () => library.queueStats(), queuedTexts: () => engine.queuedTexts });
    const documents: DocumentsServices = {
      intake: new DocumentIntake(database, config.documents),
      library,
      search: new SearchService(database, (text) => engine.embedQuery(text), model.id),
      model,
    };
    const authService = new AuthService(database, config.auth);
    return {
      database,
      provider,
      engine,
      model,
      metrics,
      auth: { service: authService, apiKeys: new ApiKeyService(database), viewers: new ViewerResolver(database, authService.accessTokens) },
      documents,
      processor: new DocumentProcessor({ db: database, engine, modelId: model.id, chunker, config: config.documents, logger }),
      /** Stops the worker (finishing its batch), the model's threads and the database. */
      async close() {
        await this.processor.stop();
        await engine.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export type Docent = Awaited<ReturnType<typeof composeDocent>>;
