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
    "\n  mutation Register($input: CredentialsInput!) {\n    register(input: $input) {\n      accessToken\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation IngestDocuments($inputs: [DocumentInput!]!) {\n    ingestDocuments(inputs: $inputs) {\n      id\n      title\n      status\n    }\n  }\n": typeof types.IngestDocumentsDocument,
    "\n  query DocumentStatus($id: ID!) {\n    document(id: $id) {\n      id\n      status\n      chunkCount\n      error\n    }\n  }\n": typeof types.DocumentStatusDocument,
    "\n  query Search($input: SearchInput!) {\n    search(input: $input) {\n      rank\n      score\n      text\n      document {\n        id\n        title\n      }\n    }\n  }\n": typeof types.SearchDocument,
};
const documents: Documents = {
    "\n  mutation Register($input: CredentialsInput!) {\n    register(input: $input) {\n      accessToken\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation IngestDocuments($inputs: [DocumentInput!]!) {\n    ingestDocuments(inputs: $inputs) {\n      id\n      title\n      status\n    }\n  }\n": types.IngestDocumentsDocument,
    "\n  query DocumentStatus($id: ID!) {\n    document(id: $id) {\n      id\n      status\n      chunkCount\n      error\n    }\n  }\n": types.DocumentStatusDocument,
    "\n  query Search($input: SearchInput!) {\n    search(input: $input) {\n      rank\n      score\n      text\n      document {\n        id\n        title\n      }\n    }\n  }\n": types.SearchDocument,
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
export function graphql(source: "\n  mutation Register($input: CredentialsInput!) {\n    register(input: $input) {\n      accessToken\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: CredentialsInput!) {\n    register(input: $input) {\n      accessToken\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestDocuments($inputs: [DocumentInput!]!) {\n    ingestDocuments(inputs: $inputs) {\n      id\n      title\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation IngestDocuments($inputs: [DocumentInput!]!) {\n    ingestDocuments(inputs: $inputs) {\n      id\n      title\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DocumentStatus($id: ID!) {\n    document(id: $id) {\n      id\n      status\n      chunkCount\n      error\n    }\n  }\n"): (typeof documents)["\n  query DocumentStatus($id: ID!) {\n    document(id: $id) {\n      id\n      status\n      chunkCount\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Search($input: SearchInput!) {\n    search(input: $input) {\n      rank\n      score\n      text\n      document {\n        id\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  query Search($input: SearchInput!) {\n    search(input: $input) {\n      rank\n      score\n      text\n      document {\n        id\n        title\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;