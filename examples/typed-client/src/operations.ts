import { graphql } from './gql';

export const Register = graphql(`
  mutation Register($input: CredentialsInput!) {
    register(input: $input) {
      accessToken
      user {
        id
        email
      }
    }
  }
`);

export const IngestDocuments = graphql(`
  mutation IngestDocuments($inputs: [DocumentInput!]!) {
    ingestDocuments(inputs: $inputs) {
      id
      title
      status
    }
  }
`);

export const DocumentStatus = graphql(`
  query DocumentStatus($id: ID!) {
    document(id: $id) {
      id
      status
      chunkCount
      error
    }
  }
`);

export const Search = graphql(`
  query Search($input: SearchInput!) {
    search(input: $input) {
      rank
      score
      text
      document {
        id
        title
      }
    }
  }
`);
