import type { DocumentRecord } from '@docent/persistence';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { DocumentHit, SearchHit } from '../search/search.service';
import { accessOf } from './viewer-access';
import { DocumentSearchInputType, SearchInputType } from './document.inputs';
import { DocumentType } from './document.types';
import type { DocumentsContext } from './documents-context';
import { costPerItem, selectsField } from '@docent/graphql';
import { DocumentSearchResultType, SearchResultType, TextRangeType } from './search.types';

@Resolver(() => SearchResultType)
export class SearchResolver {
  @Authorized('search')
  @Query(() => [SearchResultType], { description: 'Searches the READY documents you can read: the best chunks, best first', complexity: costPerItem(10) })
  async search(@Arg('input', () => SearchInputType) input: SearchInputType, @Ctx() context: DocumentsContext, @Info() info: GraphQLResolveInfo): Promise<SearchHit[]> {
    // Asked for highlights, a search can mark them in its own statement (see SearchOptions.highlights).
    const highlights = selectsField(info, 'SearchResult', 'highlights');
    return context.documents.search.search(await searchAccess(context, input), input.query, { ...searchOptions(input), highlights });
  }

  @Authorized('search')
  @Query(() => [DocumentSearchResultType], {
    description: 'Searches the READY documents you can read: the best documents, best first, each with its best passages',
    complexity: ({ args, childComplexity }) => 1 + Math.max(1, childComplexity) * (args['input']?.first ?? 10) * (args['input']?.passages ?? 3),
  })
  async searchDocuments(@Arg('input', () => DocumentSearchInputType) input: DocumentSearchInputType, @Ctx() context: DocumentsContext): Promise<DocumentHit[]> {
    return context.documents.search.searchDocuments(await searchAccess(context, input), input.query, { ...searchOptions(input), passages: input.passages });
  }

  /** Batched: all results of a search load their documents in one query. */
  @FieldResolver(() => DocumentType, { nullable: true, description: 'Null only if the document was deleted since the search ran' })
  document(@Root() result: SearchResultType, @Ctx() context: DocumentsContext): Promise<DocumentRecord | null> {
    return context.documents.documentById.load(result.documentId);
  }

  /** Marked by the search itself where it could; otherwise batched: one query marks every result of the request. */
  @FieldResolver(() => [TextRangeType], { description: "Where the query's words (as keyword search matches them: stemmed) occur in `text`" })
  async highlights(@Root() result: SearchResultType, @Ctx() context: DocumentsContext): Promise<TextRangeType[]> {
    const ranges = result.highlights ?? (await context.documents.highlights.load({ chunkId: result.chunkId, queryWords: result.queryWords }));
    return ranges.map(([start, end]) => ({ start, end }));
  }
}

@Resolver(() => DocumentSearchResultType)
export class DocumentSearchResultResolver {
  @FieldResolver(() => DocumentType, { nullable: true, description: 'Null only if the document was deleted since the search ran' })
  document(@Root() result: DocumentSearchResultType, @Ctx() context: DocumentsContext): Promise<DocumentRecord | null> {
    return context.documents.documentById.load(result.documentId);
  }
}

function searchAccess(context: DocumentsContext, input: SearchInputType) {
  return context.documents.collections.narrow(accessOf(context), input.collections);
}

function searchOptions({ first, mode, documentIds, metadata, filter }: SearchInputType) {
  return { first, mode, documentIds: documentIds ?? undefined, metadata: metadata ?? undefined, filter: filter ?? undefined };
}
