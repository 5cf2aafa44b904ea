import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { INTERNAL_SERVER_ERROR, errorCode } from '@docent/graphql';
import { Kind } from 'graphql';
import type { Logger } from 'pino';
import type { DocentMetrics } from '../../metrics/docent-metrics';
import type { GatewayContext } from '../context';

/**
 * Times every operation, counts errors by code, and logs unexpected errors with the request id
 * (clients only get a generic message for those: @docent/graphql's formatError).
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
            const code = errorCode(error);
            metrics?.graphqlErrors.inc({ code });
            if (code !== INTERNAL_SERVER_ERROR) continue;
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
