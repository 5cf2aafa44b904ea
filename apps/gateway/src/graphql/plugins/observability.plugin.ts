import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { Kind } from 'graphql';
import type { Logger } from 'pino';
import type { DocentMetrics } from '../../metrics/docent-metrics';
import type { GatewayContext } from '../context';
import { isUnexpected } from '../format-error';

/**
 * Times every operation, counts errors by code, and logs unexpected errors with the request id
 * (clients only get a generic message for those; see format-error).
 */
export function observabilityPlugin(logger: Logger, metrics: DocentMetrics | undefined): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      let failed = false;
      return {
        async didEncounterErrors({ errors }) {
          failed = true;
          for (const error of errors) {
            metrics?.graphqlErrors.inc({ code: String(error.extensions['code'] ?? 'INTERNAL_SERVER_ERROR') });
            if (!isUnexpected(error)) continue;
            const original = unwrapResolverError(error);
            logger.error(
              {
                requestId: contextValue.requestId,
                path: error.path,
                err: original,
              },
              'unexpected error in a GraphQL operation',
            );
          }
        },
        async willSendResponse({ operation }) {
          const rootField = operation?.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
          metrics?.graphqlDuration.observe(
            {
              operation_type: operation?.operation ?? 'unknown',
              root_field: rootField?.kind === Kind.FIELD ? rootField.name.value : 'unknown',
              outcome: failed ? 'error' : 'ok',
            },
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}
