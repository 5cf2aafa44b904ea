import type { DocumentRecord, EmbeddingModelRecord } from '@docent/persistence';
import DataLoader from 'dataloader';
import type { DocumentIntake } from '../intake/document-intake';
import type { DocumentLibrary } from '../library/document-library';
import type { SearchService } from '../search/search.service';

/** This lib knows a viewer only by id and role; the auth lib's viewer fits this shape. */
export type DocumentsViewer = { kind: 'anonymous' } | { kind: 'user'; id: string; role: string };

/** The documents services a process shares across requests. */
export interface DocumentsServices {
  intake: DocumentIntake;
  library: DocumentLibrary;
  search: SearchService;
  /** The active embedding model. */
  model: EmbeddingModelRecord;
}

/** The services plus what lives for one request: loaders that batch lookups across resolvers. */
export interface DocumentsRequestScope extends DocumentsServices {
  documentById: DataLoader<string, DocumentRecord | null>;
}

/** The part of the GraphQL context the documents resolvers need; the gateway's context extends it. */
export interface DocumentsContext {
  viewer: DocumentsViewer;
  documents: DocumentsRequestScope;
}

/** A new request scope: loaders cache per request only, and only the viewer's documents. */
export function documentsRequestScope(services: DocumentsServices, viewer: DocumentsViewer): DocumentsRequestScope {
  const ownerId = viewer.kind === 'user' ? viewer.id : undefined;
  return {
    ...services,
    documentById: new DataLoader(async (ids) => (ownerId === undefined ? ids.map(() => null) : services.library.findMany(ownerId, ids)), { maxBatchSize: 500 }),
  };
}
