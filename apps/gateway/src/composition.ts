import { ApiKeyService, AuthService, ViewerResolver } from '@docent/auth';
import { DocumentIntake, DocumentProcessor, RecursiveChunker, SearchService } from '@docent/documents';
import { EmbeddingEngine, resolveEmbeddingProvider } from '@docent/embeddings';
import { type Database, openDatabase } from '@docent/persistence';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config';

/** Every service of a Docent process, wired from configuration: the gateway's and the worker's. */
export async function composeDocent(config: GatewayConfig, logger: Logger) {
  const database: Database = await openDatabase({ ...config.database, logger });
  try {
    const { provider } = await resolveEmbeddingProvider(config.embeddings, logger);
    const engine = new EmbeddingEngine(provider);
    const model = await database.embeddingModels.register({ name: provider.modelId, provider: provider.runtime, dimension: provider.dimension });
    await database.embeddingModels.activate(model.id);

    const chunker = new RecursiveChunker((texts) => provider.countTokens(texts), {
      chunkTokens: Math.min(config.documents.chunkTokens, provider.maxInputTokens),
      overlapTokens: config.documents.chunkOverlapTokens,
    });
    const authService = new AuthService(database, config.auth);
    return {
      database,
      provider,
      engine,
      model,
      auth: { service: authService, apiKeys: new ApiKeyService(database), viewers: new ViewerResolver(database, authService.accessTokens) },
      documents: {
        intake: new DocumentIntake(database, config.documents),
        processor: new DocumentProcessor({ db: database, engine, modelId: model.id, chunker, config: config.documents, logger }),
        search: new SearchService(database, (text) => engine.embedQuery(text), model.id),
      },
      /** Stops the worker (finishing its batch), the model's threads and the database. */
      async close() {
        await this.documents.processor.stop();
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
