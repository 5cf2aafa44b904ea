import { ApiKeyService, AuthService, RequestAuthenticator, ViewerCache } from '@docent/auth';
import type { AuthServices } from '@docent/auth/graphql';
import { CollectionService, DocumentIntake, DocumentLibrary, DocumentStatusFeed, ModelLifecycle, SearchService } from '@docent/documents';
import type { DocumentsServices } from '@docent/documents/graphql';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import { DocentMetrics } from '../metrics/docent-metrics';
import { type CoreOptions, composeCore } from './core';
import { modelInspector } from './model-loading';
import { documentWorker } from './worker';

/**
 * The gateway's services: the core, auth, the documents services its resolvers call, metrics,
 * and a document worker (started by main.ts when DOCUMENT_WORKER is on). On a fresh database
 * it makes its model the active one; switching to another is an admin's (ModelLifecycle).
 */
export async function composeGateway(config: GatewayConfig, logger: Logger, options: Pick<CoreOptions, 'database'> = {}) {
  const metrics = new DocentMetrics();
  const core = await composeCore(config, logger, {
    ...options,
    activateOnFirstStart: true,
    onBatch: metrics.recordEmbeddingBatch,
  });
  const { database, models } = core;
  try {
    // Load the model now, so the first search is not the one that waits for it.
    await (await models.active()).engine.embedQuery('Docent');
  } catch (error) {
    await core.close();
    throw error;
  }

  const library = new DocumentLibrary(database, models);
  metrics.watch({ queueStats: () => library.queueStats(), queuedTexts: () => models.queuedTexts() });
  const viewers = new ViewerCache(config.auth.viewerCacheMs);
  const authService = new AuthService(database, config.auth, viewers);
  const auth: AuthServices & { authenticator: RequestAuthenticator } = {
    service: authService,
    apiKeys: new ApiKeyService(database, viewers),
    authenticator: new RequestAuthenticator(database, authService.accessTokens, viewers),
  };
  const documents: DocumentsServices = {
    collections: new CollectionService(database),
    intake: new DocumentIntake(database, config.documents),
    library,
    search: new SearchService(database, models),
    models,
    lifecycle: new ModelLifecycle(database, modelInspector(config, logger), () => models.refresh()),
    statusFeed: new DocumentStatusFeed(database, { maxPending: config.subscriptions.maxPending, reachTtlMs: 1_000 }),
    progressIntervalMs: config.subscriptions.progressIntervalMs,
  };
  const processor = documentWorker(core, config, logger);
  return {
    ...core,
    metrics,
    auth,
    documents,
    processor,
    /** Stops the worker (finishing its batch), the subscriptions, the models' threads and the database. */
    async close() {
      await processor.stop();
      await documents.statusFeed.close();
      await core.close();
    },
  };
}

export type Docent = Awaited<ReturnType<typeof composeGateway>>;
