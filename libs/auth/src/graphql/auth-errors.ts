import { GraphQLError } from 'graphql';
import { AuthError } from '../auth-error';

/** Runs a service call and turns its AuthError into a GraphQL error with `extensions.code`. */
export async function withAuthErrors<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AuthError) throw new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
    throw error;
  }
}
