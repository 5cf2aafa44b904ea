// type-graphql's decorators in this lib read design-time types through the metadata API.
import 'reflect-metadata';
import { DocumentResolver } from './graphql/document.resolver';
import { IngestionAdminResolver } from './graphql/ingestion-admin.resolver';
import { IngestionResolver } from './graphql/ingestion.resolver';
import { DocumentSearchResultResolver, SearchResolver } from './graphql/search.resolver';

export type { Chunker, TextChunk, TokenCounter } from './chunking/chunker';
export { RecursiveChunker } from './chunking/recursive-chunker';
export type { RecursiveChunkerOptions } from './chunking/recursive-chunker';
export { DEFAULT_DOCUMENTS_CONFIG } from './documents-config';
export type { DocumentsConfig } from './documents-config';
export type { DocumentInput } from './intake/document-input';
export { DocumentIntake } from './intake/document-intake';
export { SUPPORTED_MIME_TYPES, toPlainText } from './parsing/plain-text';
export type { SupportedMimeType } from './parsing/plain-text';
export { DocumentProcessor } from './processing/document-processor';
export type { DocumentProcessorDependencies, ProcessorLogger } from './processing/document-processor';
export { HYBRID_FUSION, fuseRankings } from './search/rank-fusion';
export type { FusedMatch, FusionSettings } from './search/rank-fusion';
export { parseKeywordQuery } from './search/keyword-query';
export type { KeywordQuery } from './search/keyword-query';
export { FILTER_LIMITS } from './search/search-filter';
export type { MetadataFilterInput, RangeInput, SearchFilterInput } from './search/search-filter';
export { MAX_PASSAGES, MAX_QUERY_LENGTH, SearchService } from './search/search.service';
export type { DocumentHit, DocumentSearchOptions, SearchHit, SearchMode, SearchOptions } from './search/search.service';
export { documentsRequestScope } from './graphql/documents-context';
export type { DocumentsContext, DocumentsRequestScope, DocumentsServices, DocumentsViewer } from './graphql/documents-context';
export { DocumentLibrary } from './library/document-library';
export type { ChunkListOptions, DocumentListOptions } from './library/document-library';

/** Every documents resolver, for the gateway's schema. */
export const DOCUMENTS_RESOLVERS = [DocumentResolver, IngestionResolver, SearchResolver, DocumentSearchResultResolver, IngestionAdminResolver] as const;
