import type { DocumentStatus } from '@docent/persistence';
import { DocentError } from '@docent/common';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { accessOf } from './viewer-access';
import { ChunkConnectionType, DocumentConnectionType, DocumentStatusValue, DocumentType } from './document.types';
import type { DocumentsContext } from './documents-context';
import { costPerItem } from '@docent/graphql';

@Resolver(() => DocumentType)
export class DocumentResolver {
  @Authorized('read')
  @Query(() => DocumentType, { description: 'A document you can read; NOT_FOUND otherwise' })
  document(@Arg('id', () => ID) id: string, @Ctx() context: DocumentsContext): Promise<DocumentType> {
    return context.documents.library.get(accessOf(context), id);
  }

  @Authorized('read')
  @Query(() => DocumentConnectionType, { description: 'The documents you can read, newest first', complexity: costPerItem(20) })
  async documents(
    @Ctx() context: DocumentsContext,
    @Arg('first', () => Int, { defaultValue: 20, description: '1-100' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page; null for the first' }) after?: string | null,
    @Arg('status', () => DocumentStatusValue, { nullable: true }) status?: DocumentStatus,
    @Arg('collections', () => [ID], { nullable: true, description: 'Only in these collections (default: every collection you can read)' }) collections?: string[] | null,
    @Arg('sourceIds', () => [String], { nullable: true, description: 'Only documents with one of these source ids (at most 100)' }) sourceIds?: string[] | null,
  ): Promise<DocumentConnectionType> {
    const access = await context.documents.collections.narrow(accessOf(context), collections);
    return context.documents.library.list(access, { first, after, status, sourceIds });
  }

  @Authorized('read')
  @FieldResolver(() => ChunkConnectionType, { description: 'Its chunks in order (of the active model)', complexity: costPerItem(20) })
  chunks(
    @Root() document: DocumentType,
    @Ctx() context: DocumentsContext,
    @Arg('first', () => Int, { defaultValue: 20, description: '1-100' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page; null for the first' }) after?: string | null,
  ): Promise<ChunkConnectionType> {
    // The request's loaders read only the viewer's chunks, batched across the listed documents.
    return context.documents.chunkPage.load({ documentId: document.id, first, after });
  }

  @Authorized('read')
  @FieldResolver(() => String, { description: 'The content as it was ingested', complexity: 10 })
  async content(@Root() document: DocumentType, @Ctx() context: DocumentsContext): Promise<string> {
    const content = await context.documents.contentById.load(document.id);
    // Deleted while this request ran.
    if (content === null) throw new DocentError('NOT_FOUND', `No document with id ${document.id}`);
    return content;
  }
}
