import { Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { DocumentsContext } from './documents-context';
import { EmbeddingModelType, IngestionStatsType } from './ingestion.types';

@Resolver()
export class IngestionAdminResolver {
  @Query(() => EmbeddingModelType, { description: 'The embedding model search uses' })
  embeddingModel(@Ctx() context: DocumentsContext): EmbeddingModelType {
    const { name, provider, dimension } = context.documents.model;
    return { name, provider, dimension };
  }

  @Authorized('ADMIN')
  @Query(() => IngestionStatsType, { description: 'Admins only: documents by status across all users, and queue lag' })
  async ingestionStats(@Ctx() context: DocumentsContext): Promise<IngestionStatsType> {
    const { counts, oldestDueSeconds } = await context.documents.library.queueStats();
    return { pending: counts.PENDING, processing: counts.PROCESSING, ready: counts.READY, failed: counts.FAILED, oldestDueSeconds };
  }

  @Authorized('ADMIN')
  @Mutation(() => Int, {
    description: 'Admins only: queues every READY document without vectors of the active model; returns how many. Old vectors stay until replaced.',
  })
  reembedDocuments(@Ctx() context: DocumentsContext): Promise<number> {
    return context.documents.library.reembedForActiveModel();
  }
}
