import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { DocumentsContext } from './documents-context';
import { IngestionStatsType } from './ingestion.types';
import { EmbeddingModelType, ReembeddingProgressType, RegisterEmbeddingModelInputType } from './model.types';

@Resolver()
export class IngestionAdminResolver {
  @Query(() => EmbeddingModelType, { description: 'The embedding model search uses' })
  async embeddingModel(@Ctx() context: DocumentsContext): Promise<EmbeddingModelType> {
    return EmbeddingModelType.from((await context.documents.models.active()).model);
  }

  @Authorized('ADMIN')
  @Query(() => IngestionStatsType, { description: 'Admins only: documents by status across all users, and queue lag' })
  async ingestionStats(@Ctx() context: DocumentsContext): Promise<IngestionStatsType> {
    const { counts, oldestDueSeconds } = await context.documents.library.queueStats();
    return { pending: counts.PENDING, processing: counts.PROCESSING, ready: counts.READY, failed: counts.FAILED, oldestDueSeconds };
  }

  @Authorized('ADMIN')
  @Query(() => [EmbeddingModelType], { description: 'Admins only: every registered embedding model and what it is doing' })
  async embeddingModels(@Ctx() context: DocumentsContext): Promise<EmbeddingModelType[]> {
    return (await context.documents.lifecycle.list()).map(EmbeddingModelType.from);
  }

  @Authorized('ADMIN')
  @Query(() => ReembeddingProgressType, { description: "Admins only: how far a model covers the READY documents, and its run's pace" })
  async reembeddingProgress(@Arg('model') model: string, @Ctx() context: DocumentsContext): Promise<ReembeddingProgressType> {
    return ReembeddingProgressType.from(await context.documents.lifecycle.progress(model));
  }

  @Authorized('ADMIN')
  @Mutation(() => EmbeddingModelType, { description: 'Admins only: records a model after loading it on this gateway (which tells its dimension). Search is unchanged.' })
  async registerEmbeddingModel(@Arg('input') input: RegisterEmbeddingModelInputType, @Ctx() context: DocumentsContext): Promise<EmbeddingModelType> {
    return EmbeddingModelType.from(await context.documents.lifecycle.register(input));
  }

  @Authorized('ADMIN')
  @Mutation(() => ReembeddingProgressType, {
    description: 'Admins only: embeds every READY document with a registered model in the background, next to new documents; search keeps using the active model. Starting it again retries failed documents.',
  })
  async startReembedding(@Arg('model') model: string, @Ctx() context: DocumentsContext): Promise<ReembeddingProgressType> {
    return ReembeddingProgressType.from(await context.documents.lifecycle.startReembedding(model));
  }

  @Authorized('ADMIN')
  @Mutation(() => ReembeddingProgressType, { description: 'Admins only: stops a run; what it embedded stays, and starting again continues from there' })
  async cancelReembedding(@Arg('model') model: string, @Ctx() context: DocumentsContext): Promise<ReembeddingProgressType> {
    return ReembeddingProgressType.from(await context.documents.lifecycle.cancelReembedding(model));
  }

  @Authorized('ADMIN')
  @Mutation(() => EmbeddingModelType, {
    description: 'Admins only: makes a model the one search reads, if it covers every READY document (else PRECONDITION_FAILED). The old vectors stay until deleteEmbeddingModel.',
  })
  async promoteEmbeddingModel(@Arg('model') model: string, @Ctx() context: DocumentsContext): Promise<EmbeddingModelType> {
    return EmbeddingModelType.from(await context.documents.lifecycle.promote(model));
  }

  @Authorized('ADMIN')
  @Mutation(() => EmbeddingModelType, {
    description: 'Admins only: makes the previously active model the active one again, if it still covers every READY document (else run startReembedding for it first)',
  })
  async rollbackEmbeddingModel(@Ctx() context: DocumentsContext): Promise<EmbeddingModelType> {
    return EmbeddingModelType.from(await context.documents.lifecycle.rollback());
  }

  @Authorized('ADMIN')
  @Mutation(() => Int, { description: 'Admins only: deletes a model that is not active, with its vectors and index; returns how many chunks went' })
  deleteEmbeddingModel(@Arg('model') model: string, @Ctx() context: DocumentsContext): Promise<number> {
    return context.documents.lifecycle.delete(model);
  }
}
