// The documents lib's GraphQL face, apart from its domain (`@docent/documents`) so that
// programs without an API (the document worker) never load type-graphql.
import 'reflect-metadata';
import type { GraphQLModule } from '@docent/graphql';
import { CollectionResolver } from './collection.resolver';
import { DocumentResolver } from './document.resolver';
import { EventsResolver } from './events.resolver';
import { type DocumentsContext, type DocumentsServices, documentsRequestScope } from './documents-context';
import { IngestionAdminResolver } from './ingestion-admin.resolver';
import { IngestionResolver } from './ingestion.resolver';
import { DocumentSearchResultResolver, SearchResolver } from './search.resolver';

export type { DocumentsContext, DocumentsRequestScope, DocumentsServices } from './documents-context';

/** Documents' resolvers and context slice: the services plus per-request loaders, scoped to the viewer. */
export const documentsGraphQL: GraphQLModule<DocumentsServices, Pick<DocumentsContext, 'documents'>> = {
  resolvers: [CollectionResolver, DocumentResolver, IngestionResolver, SearchResolver, DocumentSearchResultResolver, IngestionAdminResolver, EventsResolver],
  requestContext: (services, viewer) => ({ documents: documentsRequestScope(services, viewer) }),
};
