// type-graphql's decorators in this lib read design-time types through the metadata API.
import 'reflect-metadata';
import { DocumentResolver } from './graphql/document.resolver';
import { IngestionAdminResolver } from './graphql/ingestion-admin.resolver';
import { IngestionResolver } from './graphql/ingestion.resolver';
import { SearchResolver } from './graphql/search.resolver';

export type { Chunker, TextChunk, TokenCounter } from './chunking/chunker';
export { RecursiveChunker } from './chunking/recursive-chunker';
export type { RecursiveChunkerOptions } from './chunking/recursive-chunker';
export { DocumentError } from './document-error';
export type { DocumentErrorCode } from './document-error';
export { DEFAULT_DOCUMENTS_CONFIG } from './documents-config';
export type { DocumentsConfig } from './documents-config';
export type { DocumentInput } from './intake/document-input';
export { DocumentIntake } from './intake/document-intake';
export { SUPPORTED_MIME_TYPES, toPlainText } from './parsing/plain-text';
export type { SupportedMimeType } from './parsing/plain-text';
export { DocumentProcessor } from './processing/document-processor';
export type { DocumentProcessorDependencies, ProcessorLogger } from './processing/document-processor';
export { RRF_K, fuseByReciprocalRank } from './search/reciprocal-rank-fusion';
export type { FusedMatch } from './search/reciprocal-rank-fusion';
export { MAX_QUERY_LENGTH, SearchService } from './search/search.service';
export type { SearchHit, SearchMode, SearchOptions } from './search/search.service';
export { documentsRequestScope } from './graphql/documents-context';
export type { DocumentsContext, DocumentsRequestScope, DocumentsServices, DocumentsViewer } from './graphql/documents-context';
export { DocumentLibrary, MAX_PAGE_SIZE } from './library/document-library';
export type { ChunkListOptions, DocumentListOptions, Page } from './library/document-library';

/** Every documents resolver, for the gateway's schema. */
export const DOCUMENTS_RESOLVERS = [DocumentResolver, IngestionResolver, SearchResolver, IngestionAdminResolver] as const;
