/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type CredentialsInput = {
  email: string;
  password: string;
};

/** Bounds of a time range; give at least one */
export type DateTimeRange = {
  gt?: string | null | undefined;
  gte?: string | null | undefined;
  lt?: string | null | undefined;
  lte?: string | null | undefined;
};

export type DocumentInput = {
  /** The collection to store it in (needs EDITOR); default: your default collection */
  collection?: string | number | null | undefined;
  /** The text, Markdown or HTML itself (UTF-8; the size limit is in bytes) */
  content: string;
  /** Any JSON object; search can filter on it */
  metadata?: Record<string, unknown> | null | undefined;
  /** text/plain, text/markdown or text/html */
  mimeType?: string;
  /** Your id for it: ingesting the same sourceId into the same collection again replaces the document */
  sourceId?: string | null | undefined;
  title: string;
};

/** PENDING: waiting for a worker. PROCESSING: being chunked and embedded. READY: searchable. FAILED: gave up; see `error`. */
export type DocumentStatus =
  | 'FAILED'
  | 'PENDING'
  | 'PROCESSING'
  | 'READY';

/** Bounds of a number range; give at least one */
export type FloatRange = {
  gt?: number | null | undefined;
  gte?: number | null | undefined;
  lt?: number | null | undefined;
  lte?: number | null | undefined;
};

/** A test on one metadata value; every condition given must hold */
export type MetadataFilter = {
  /** An ISO 8601 date or date-time string in this range (other values never match) */
  date?: DateTimeRange | null | undefined;
  /** Equal as JSON: 2024 is not "2024" */
  equals?: unknown;
  /** true: the key is present (even with a null value); false: it is not */
  exists?: boolean | null | undefined;
  /** Equal to one of these (at most 100) */
  in?: Array<unknown> | null | undefined;
  /** A number in this range (other types never match) */
  number?: FloatRange | null | undefined;
  /** Keys from the top of the metadata down, e.g. ["author", "name"] */
  path: Array<string>;
};

/** Which documents to search. Every field given must hold; compose with and / or / not (at most 6 levels and 50 conditions). */
export type SearchFilter = {
  /** All of these */
  and?: Array<SearchFilter> | null | undefined;
  createdAt?: DateTimeRange | null | undefined;
  metadata?: MetadataFilter | null | undefined;
  /** Not this */
  not?: SearchFilter | null | undefined;
  /** Any of these */
  or?: Array<SearchFilter> | null | undefined;
  title?: TitleFilter | null | undefined;
  updatedAt?: DateTimeRange | null | undefined;
};

export type SearchInput = {
  /** Only within these collections (default: every collection you can read) */
  collections?: Array<string | number> | null | undefined;
  /** Only within these documents */
  documentIds?: Array<string | number> | null | undefined;
  /** Only documents that pass this filter */
  filter?: SearchFilter | null | undefined;
  /** How many results, 1-100: chunks for `search`, documents for `searchDocuments` */
  first?: number;
  /** Only documents whose metadata contains this object (a shorthand for simple `filter`s) */
  metadata?: Record<string, unknown> | null | undefined;
  mode?: SearchMode;
  /** What to look for, in plain words (at most 1,000 characters) */
  query: string;
};

/** SEMANTIC: by meaning (vector similarity). KEYWORD: BM25 over words (any word may match; "phrases", -exclusions and `or` between phrases constrain). HYBRID: both, each scaled to [0, 1] and added, keyword weighted 3 to 1. */
export type SearchMode =
  | 'HYBRID'
  | 'KEYWORD'
  | 'SEMANTIC';

export type TitleFilter = {
  /** Case-insensitive substring */
  contains?: string | null | undefined;
  equals?: string | null | undefined;
};

export type RegisterMutationVariables = Exact<{
  input: CredentialsInput;
}>;


export type RegisterMutation = { register: { accessToken: string, user: { id: string, email: string } } };

export type IngestDocumentsMutationVariables = Exact<{
  inputs: Array<DocumentInput> | DocumentInput;
}>;


export type IngestDocumentsMutation = { ingestDocuments: Array<{ id: string, title: string, status: DocumentStatus }> };

export type DocumentStatusQueryVariables = Exact<{
  id: string | number;
}>;


export type DocumentStatusQuery = { document: { id: string, status: DocumentStatus, chunkCount: number, error: string | null } };

export type SearchQueryVariables = Exact<{
  input: SearchInput;
}>;


export type SearchQuery = { search: Array<{ rank: number, score: number, text: string, document: { id: string, title: string } | null }> };


export const RegisterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CredentialsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"register"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const IngestDocumentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IngestDocuments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DocumentInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingestDocuments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"inputs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<IngestDocumentsMutation, IngestDocumentsMutationVariables>;
export const DocumentStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DocumentStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"document"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<DocumentStatusQuery, DocumentStatusQueryVariables>;
export const SearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;