// The document worker's composition. It must stay free of GraphQL: nothing here or below
// imports a lib's `/graphql` entry point, type-graphql or graphql (a test checks the loaded modules).
import { DocumentProcessor } from '@docent/documents';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import { type Core, type CoreOptions, composeCore } from './core';

/** A queue worker over a composed core: claims documents (and re-embedding tasks), chunks, embeds and stores them. */
export function documentWorker(core: Core, config: Pick<GatewayConfig, 'documents'>, logger: Logger): DocumentProcessor {
  return new DocumentProcessor({ db: core.database, models: core.models, config: config.documents, logger });
}

/**
 * `npm run worker`: the core and the queue loop only. It serves the active model and any model
 * being built; it never activates a model.
 */
export async function composeWorker(config: Pick<GatewayConfig, 'database' | 'embeddings' | 'documents'>, logger: Logger, options: Pick<CoreOptions, 'database'> = {}) {
  const core = await composeCore(config, logger, { ...options, activateOnFirstStart: false });
  const processor = documentWorker(core, config, logger);
  return {
    ...core,
    processor,
    /** Lets the claimed batches finish, then stops the models and the database. */
    async close() {
      await processor.stop();
      await core.close();
    },
  };
}
