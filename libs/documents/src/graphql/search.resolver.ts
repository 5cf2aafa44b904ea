import type { DocumentRecord } from '@docent/persistence';
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SearchHit } from '../search/search.service';
import { withDocumentErrors, ownerOf } from './document-errors';
import { SearchInputType } from './document.inputs';
import { DocumentType } from './document.types';
import type { DocumentsContext } from './documents-context';
import { costPerItem } from './page-cost';
import { SearchResultType } from './search.types';

@Resolver(() => SearchResultType)
export class SearchResolver {
  @Authorized()
  @Query(() => [SearchResultType], { description: 'Searches your READY documents, best match first', complexity: costPerItem(10) })
  search(@Arg('input', () => SearchInputType) input: SearchInputType, @Ctx() context: DocumentsContext): Promise<SearchHit[]> {
    const { query, first, mode, documentIds, metadata } = input;
    return withDocumentErrors(() =>
      context.documents.search.search(ownerOf(context), query, { first, mode, documentIds: documentIds ?? undefined, metadata: metadata ?? undefined }),
    );
  }

  /** Batched: all results of a search load their documents in one query. */
  @FieldResolver(() => DocumentType, { nullable: true, description: 'Null only if the document was deleted since the search ran' })
  document(@Root() result: SearchResultType, @Ctx() context: DocumentsContext): Promise<DocumentRecord | null> {
    return context.documents.documentById.load(result.documentId);
  }
}
