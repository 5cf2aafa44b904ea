import { graphql } from '../gql';

// Every operation the CLI sends. Codegen types them from the gateway's schema (npm run codegen).

export const Viewer = graphql(`
  query CliViewer {
    me {
      email
    }
    collections {
      id
      name
      isDefault
      role
    }
  }
`);

export const SignIn = graphql(`
  mutation CliSignIn($input: CredentialsInput!) {
    login(input: $input) {
      accessToken
      refreshToken
      user {
        email
      }
    }
  }
`);

export const SignOut = graphql(`
  mutation CliSignOut($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

export const CreateApiKey = graphql(`
  mutation CliCreateApiKey($name: String!, $permissions: [ApiKeyPermission!]) {
    createApiKey(name: $name, permissions: $permissions) {
      secret
      apiKey {
        id
        name
      }
    }
  }
`);

export const StoredDocuments = graphql(`
  query CliStoredDocuments($collection: ID!, $sourceIds: [String!]!, $first: Int!) {
    documents(collections: [$collection], sourceIds: $sourceIds, first: $first) {
      nodes {
        ...CliStoredDocument
      }
    }
  }
`);

export const StoredDocumentFields = graphql(`
  fragment CliStoredDocument on Document {
    id
    sourceId
    contentHash
    status
    chunkCount
    error
  }
`);

export const UploadDocument = graphql(`
  mutation CliUploadDocument($file: Upload!, $input: UploadInput!) {
    uploadDocument(file: $file, input: $input) {
      ...CliStoredDocument
    }
  }
`);

export const DeleteDocument = graphql(`
  mutation CliDeleteDocument($id: ID!) {
    deleteDocument(id: $id)
  }
`);

export const StatusChanged = graphql(`
  subscription CliStatusChanged($collection: ID!) {
    documentStatusChanged(collection: $collection) {
      documentId
      status
      chunkCount
      error
    }
  }
`);

export const Search = graphql(`
  query CliSearch($input: SearchInput!) {
    search(input: $input) {
      rank
      score
      text
      page
      heading
      document {
        title
        sourceId
      }
    }
  }
`);
