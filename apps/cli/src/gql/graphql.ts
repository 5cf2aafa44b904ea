/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** SEARCH: search and searchDocuments. READ: document, documents, and any document's content and chunks. INGEST: ingestDocument(s), reprocessDocument. MANAGE: deleteDocument. */
export type ApiKeyPermission =
  | 'INGEST'
  | 'MANAGE'
  | 'READ'
  | 'SEARCH';

/** VIEWER: read and search. EDITOR: also ingest, delete and reprocess documents. OWNER: also rename, delete, and manage members. */
export type CollectionRole =
  | 'EDITOR'
  | 'OWNER'
  | 'VIEWER';

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

/** A DocumentStatus, or DELETED */
export type DocumentEventStatus =
  | 'DELETED'
  | 'FAILED'
  | 'PENDING'
  | 'PROCESSING'
  | 'READY';

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

/** What goes with an uploaded file; the file itself is the content */
export type UploadInput = {
  /** The collection to store it in (needs EDITOR); default: your default collection */
  collection?: string | number | null | undefined;
  /** Any JSON object; search can filter on it */
  metadata?: Record<string, unknown> | null | undefined;
  /** Default: the type the file was sent with, if Docent reads it, else by the name's extension (.pdf, .docx, .md, .html, .txt) */
  mimeType?: string | null | undefined;
  /** Your id for it: uploading the same sourceId into the same collection again replaces the document */
  sourceId?: string | null | undefined;
  /** Default: the file's name */
  title?: string | null | undefined;
};

export type CliViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type CliViewerQuery = { me: { email: string }, collections: Array<{ id: string, name: string, isDefault: boolean, role: CollectionRole }> };

export type CliSignInMutationVariables = Exact<{
  input: CredentialsInput;
}>;


export type CliSignInMutation = { login: { accessToken: string, refreshToken: string, user: { email: string } } };

export type CliSignOutMutationVariables = Exact<{
  refreshToken: string;
}>;


export type CliSignOutMutation = { logout: boolean };

export type CliCreateApiKeyMutationVariables = Exact<{
  name: string;
  permissions?: Array<ApiKeyPermission> | ApiKeyPermission | null | undefined;
}>;


export type CliCreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, name: string } } };

export type CliStoredDocumentsQueryVariables = Exact<{
  collection: string | number;
  sourceIds: Array<string> | string;
  first: number;
}>;


export type CliStoredDocumentsQuery = { documents: { nodes: Array<{ id: string, sourceId: string | null, contentHash: string, status: DocumentStatus, chunkCount: number, error: string | null }> } };

export type CliStoredDocumentFragment = { id: string, sourceId: string | null, contentHash: string, status: DocumentStatus, chunkCount: number, error: string | null };

export type CliUploadDocumentMutationVariables = Exact<{
  file: Blob;
  input: UploadInput;
}>;


export type CliUploadDocumentMutation = { uploadDocument: { id: string, sourceId: string | null, contentHash: string, status: DocumentStatus, chunkCount: number, error: string | null } };

export type CliDeleteDocumentMutationVariables = Exact<{
  id: string | number;
}>;


export type CliDeleteDocumentMutation = { deleteDocument: string };

export type CliStatusChangedSubscriptionVariables = Exact<{
  collection: string | number;
}>;


export type CliStatusChangedSubscription = { documentStatusChanged: { documentId: string, status: DocumentEventStatus, chunkCount: number, error: string | null } };

export type CliSearchQueryVariables = Exact<{
  input: SearchInput;
}>;


export type CliSearchQuery = { search: Array<{ rank: number, score: number, text: string, page: number | null, heading: string | null, document: { title: string, sourceId: string | null } | null }> };

export const CliStoredDocumentFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CliStoredDocument"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Document"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]} as unknown as DocumentNode<CliStoredDocumentFragment, unknown>;
export const CliViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CliViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<CliViewerQuery, CliViewerQueryVariables>;
export const CliSignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CliSignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CredentialsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<CliSignInMutation, CliSignInMutationVariables>;
export const CliSignOutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CliSignOut"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}]}}]} as unknown as DocumentNode<CliSignOutMutation, CliSignOutMutationVariables>;
export const CliCreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CliCreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"permissions"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApiKeyPermission"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"permissions"},"value":{"kind":"Variable","name":{"kind":"Name","value":"permissions"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CliCreateApiKeyMutation, CliCreateApiKeyMutationVariables>;
export const CliStoredDocumentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CliStoredDocuments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"collection"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sourceIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"collections"},"value":{"kind":"ListValue","values":[{"kind":"Variable","name":{"kind":"Name","value":"collection"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"sourceIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sourceIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CliStoredDocument"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CliStoredDocument"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Document"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]} as unknown as DocumentNode<CliStoredDocumentsQuery, CliStoredDocumentsQueryVariables>;
export const CliUploadDocumentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CliUploadDocument"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadDocument"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CliStoredDocument"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CliStoredDocument"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Document"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]} as unknown as DocumentNode<CliUploadDocumentMutation, CliUploadDocumentMutationVariables>;
export const CliDeleteDocumentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CliDeleteDocument"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteDocument"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<CliDeleteDocumentMutation, CliDeleteDocumentMutationVariables>;
export const CliStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CliStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"collection"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"collection"},"value":{"kind":"Variable","name":{"kind":"Name","value":"collection"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"chunkCount"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<CliStatusChangedSubscription, CliStatusChangedSubscriptionVariables>;
export const CliSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CliSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"heading"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}}]}}]}}]}}]} as unknown as DocumentNode<CliSearchQuery, CliSearchQueryVariables>;