/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CliViewer {\n    me {\n      email\n    }\n    collections {\n      id\n      name\n      isDefault\n      role\n    }\n  }\n": typeof types.CliViewerDocument,
    "\n  mutation CliSignIn($input: CredentialsInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        email\n      }\n    }\n  }\n": typeof types.CliSignInDocument,
    "\n  mutation CliSignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.CliSignOutDocument,
    "\n  mutation CliCreateApiKey($name: String!, $permissions: [ApiKeyPermission!]) {\n    createApiKey(name: $name, permissions: $permissions) {\n      secret\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CliCreateApiKeyDocument,
    "\n  query CliStoredDocuments($collection: ID!, $sourceIds: [String!]!, $first: Int!) {\n    documents(collections: [$collection], sourceIds: $sourceIds, first: $first) {\n      nodes {\n        ...CliStoredDocument\n      }\n    }\n  }\n": typeof types.CliStoredDocumentsDocument,
    "\n  fragment CliStoredDocument on Document {\n    id\n    sourceId\n    contentHash\n    status\n    chunkCount\n    error\n  }\n": typeof types.CliStoredDocumentFragmentDoc,
    "\n  mutation CliUploadDocument($file: Upload!, $input: UploadInput!) {\n    uploadDocument(file: $file, input: $input) {\n      ...CliStoredDocument\n    }\n  }\n": typeof types.CliUploadDocumentDocument,
    "\n  mutation CliDeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n": typeof types.CliDeleteDocumentDocument,
    "\n  subscription CliStatusChanged($collection: ID!) {\n    documentStatusChanged(collection: $collection) {\n      documentId\n      status\n      chunkCount\n      error\n    }\n  }\n": typeof types.CliStatusChangedDocument,
    "\n  query CliSearch($input: SearchInput!) {\n    search(input: $input) {\n      rank\n      score\n      text\n      page\n      heading\n      document {\n        title\n        sourceId\n      }\n    }\n  }\n": typeof types.CliSearchDocument,
};
const documents: Documents = {
    "\n  query CliViewer {\n    me {\n      email\n    }\n    collections {\n      id\n      name\n      isDefault\n      role\n    }\n  }\n": types.CliViewerDocument,
    "\n  mutation CliSignIn($input: CredentialsInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        email\n      }\n    }\n  }\n": types.CliSignInDocument,
    "\n  mutation CliSignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.CliSignOutDocument,
    "\n  mutation CliCreateApiKey($name: String!, $permissions: [ApiKeyPermission!]) {\n    createApiKey(name: $name, permissions: $permissions) {\n      secret\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n": types.CliCreateApiKeyDocument,
    "\n  query CliStoredDocuments($collection: ID!, $sourceIds: [String!]!, $first: Int!) {\n    documents(collections: [$collection], sourceIds: $sourceIds, first: $first) {\n      nodes {\n        ...CliStoredDocument\n      }\n    }\n  }\n": types.CliStoredDocumentsDocument,
    "\n  fragment CliStoredDocument on Document {\n    id\n    sourceId\n    contentHash\n    status\n    chunkCount\n    error\n  }\n": types.CliStoredDocumentFragmentDoc,
    "\n  mutation CliUploadDocument($file: Upload!, $input: UploadInput!) {\n    uploadDocument(file: $file, input: $input) {\n      ...CliStoredDocument\n    }\n  }\n": types.CliUploadDocumentDocument,
    "\n  mutation CliDeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n": types.CliDeleteDocumentDocument,
    "\n  subscription CliStatusChanged($collection: ID!) {\n    documentStatusChanged(collection: $collection) {\n      documentId\n      status\n      chunkCount\n      error\n    }\n  }\n": types.CliStatusChangedDocument,
    "\n  query CliSearch($input: SearchInput!) {\n    search(input: $input) {\n      rank\n      score\n      text\n      page\n      heading\n      document {\n        title\n        sourceId\n      }\n    }\n  }\n": types.CliSearchDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliViewer {\n    me {\n      email\n    }\n    collections {\n      id\n      name\n      isDefault\n      role\n    }\n  }\n"): (typeof documents)["\n  query CliViewer {\n    me {\n      email\n    }\n    collections {\n      id\n      name\n      isDefault\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliSignIn($input: CredentialsInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CliSignIn($input: CredentialsInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliSignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation CliSignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliCreateApiKey($name: String!, $permissions: [ApiKeyPermission!]) {\n    createApiKey(name: $name, permissions: $permissions) {\n      secret\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CliCreateApiKey($name: String!, $permissions: [ApiKeyPermission!]) {\n    createApiKey(name: $name, permissions: $permissions) {\n      secret\n      apiKey {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliStoredDocuments($collection: ID!, $sourceIds: [String!]!, $first: Int!) {\n    documents(collections: [$collection], sourceIds: $sourceIds, first: $first) {\n      nodes {\n        ...CliStoredDocument\n      }\n    }\n  }\n"): (typeof documents)["\n  query CliStoredDocuments($collection: ID!, $sourceIds: [String!]!, $first: Int!) {\n    documents(collections: [$collection], sourceIds: $sourceIds, first: $first) {\n      nodes {\n        ...CliStoredDocument\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CliStoredDocument on Document {\n    id\n    sourceId\n    contentHash\n    status\n    chunkCount\n    error\n  }\n"): (typeof documents)["\n  fragment CliStoredDocument on Document {\n    id\n    sourceId\n    contentHash\n    status\n    chunkCount\n    error\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliUploadDocument($file: Upload!, $input: UploadInput!) {\n    uploadDocument(file: $file, input: $input) {\n      ...CliStoredDocument\n    }\n  }\n"): (typeof documents)["\n  mutation CliUploadDocument($file: Upload!, $input: UploadInput!) {\n    uploadDocument(file: $file, input: $input) {\n      ...CliStoredDocument\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliDeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n"): (typeof documents)["\n  mutation CliDeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CliStatusChanged($collection: ID!) {\n    documentStatusChanged(collection: $collection) {\n      documentId\n      status\n      chunkCount\n      error\n    }\n  }\n"): (typeof documents)["\n  subscription CliStatusChanged($collection: ID!) {\n    documentStatusChanged(collection: $collection) {\n      documentId\n      status\n      chunkCount\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliSearch($input: SearchInput!) {\n    search(input: $input) {\n      rank\n      score\n      text\n      page\n      heading\n      document {\n        title\n        sourceId\n      }\n    }\n  }\n"): (typeof documents)["\n  query CliSearch($input: SearchInput!) {\n    search(input: $input) {\n      rank\n      score\n      text\n      page\n      heading\n      document {\n        title\n        sourceId\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;