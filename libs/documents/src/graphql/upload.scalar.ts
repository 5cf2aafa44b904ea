import { GraphQLScalarType } from 'graphql';
import { type FileUpload, GraphQLUpload } from 'graphql-upload-minimal';

/** An uploaded file as a resolver receives it: its details once its part of the request arrives. */
export interface ReceivedUpload {
  upload: Promise<FileUpload>;
}

/**
 * The multipart spec's `Upload` scalar, its promise wrapped in an object: type-graphql awaits
 * promise arguments before calling the resolver, so a file missing from the request would fail
 * there, unmapped, instead of in the resolver as BAD_USER_INPUT.
 */
export const UploadScalar = new GraphQLScalarType<ReceivedUpload, never>({
  name: GraphQLUpload.name,
  description: GraphQLUpload.description,
  parseValue: (value) => ({ upload: GraphQLUpload.parseValue(value) as Promise<FileUpload> }),
  // An upload is never written inline in a query, nor returned: both throw, as the original's do.
  parseLiteral: (node) => GraphQLUpload.parseLiteral(node) as never,
  serialize: (value) => GraphQLUpload.serialize(value) as never,
});
