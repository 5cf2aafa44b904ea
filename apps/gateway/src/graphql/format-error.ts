import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/**
 * Errors with a code of their own go to the client as they are, without stack traces.
 * Anything else is a bug: the client gets a generic message, the log gets the details.
 */
export function formatErrorFor(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.['code'];
    if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') {
      const extensions = { ...formatted.extensions };
      delete extensions['stacktrace'];
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    logger.error(
      { err: original instanceof Error ? { type: original.name, message: original.message, stack: original.stack } : String(original), path: formatted.path },
      'unexpected error in a GraphQL operation',
    );
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
