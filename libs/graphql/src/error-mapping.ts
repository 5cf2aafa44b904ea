import { DocentError } from '@docent/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export const INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR';

/** The DocentError behind a GraphQL error, however deeply graphql-js wrapped it. */
function docentErrorIn(error: unknown): DocentError | undefined {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current instanceof DocentError ? current : undefined;
}

/**
 * The code a client sees for an error: a DocentError's client code, or the code graphql-js or
 * Apollo gave an error of their own (a syntax or validation error). Anything else is the
 * server's fault: INTERNAL_SERVER_ERROR.
 */
export function errorCode(error: GraphQLError): string {
  const docent = docentErrorIn(error);
  if (docent) return docent.isClientError ? docent.code : INTERNAL_SERVER_ERROR;
  const code = error.extensions['code'];
  return typeof code === 'string' ? code : INTERNAL_SERVER_ERROR;
}


/** A DocentError as a GraphQL error, for the few places that must throw one (context creation, plugins). */
export function toGraphQLError(error: DocentError, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, ...error.details, ...extensions } });
}

const INTERNAL: Pick<GraphQLFormattedError, 'message' | 'extensions'> = { message: 'Internal server error', extensions: { code: INTERNAL_SERVER_ERROR } };

/**
 * Apollo's `formatError`, the one place errors become what clients read. A client error keeps
 * its message and gets its code (and DocentError details) in `extensions`; anything else gets
 * a generic message, and the details go to the log. Stack traces never leave the server.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { path, locations } = formatted;
  const graphQLError = error instanceof GraphQLError ? error : new GraphQLError(formatted.message, { extensions: formatted.extensions });
  if (errorCode(graphQLError) === INTERNAL_SERVER_ERROR) return { ...INTERNAL, path, locations };
  const docent = docentErrorIn(error);
  const extensions: Record<string, unknown> = docent ? { ...formatted.extensions, code: docent.code, ...docent.details } : { ...formatted.extensions };
  delete extensions['stacktrace'];
  return { ...formatted, message: docent?.message ?? formatted.message, extensions };
}
