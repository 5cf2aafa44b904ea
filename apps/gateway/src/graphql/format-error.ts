import type { GraphQLError, GraphQLFormattedError } from 'graphql';

/** An error without a code of its own is a bug, not a client mistake. */
export function isUnexpected(error: GraphQLError | GraphQLFormattedError): boolean {
  const code = error.extensions?.['code'];
  return code === undefined || code === 'INTERNAL_SERVER_ERROR';
}

/**
 * Errors with a code of their own go to the client as they are, without stack traces.
 * Anything else gets a generic message; the details go to the log (observability plugin).
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (isUnexpected(formatted)) {
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const extensions = { ...formatted.extensions };
  delete extensions['stacktrace'];
  return { ...formatted, extensions };
}
