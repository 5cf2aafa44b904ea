import { GraphQLError } from 'graphql';
import { DocumentError } from '../document-error';
import type { DocumentsContext } from './documents-context';

/** Runs a service call and turns its DocumentError into a GraphQL error with `extensions.code`. */
export async function withDocumentErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DocumentError) throw new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
    throw error;
  }
}

/** The signed-in viewer's id. Resolvers are `@Authorized()`; this guards against a missing decorator. */
export function ownerOf(context: DocumentsContext): string {
  if (context.viewer.kind !== 'user') throw new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
  return context.viewer.id;
}
