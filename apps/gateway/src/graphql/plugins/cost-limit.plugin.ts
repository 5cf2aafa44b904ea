import type { ApolloServerPlugin } from '@apollo/server';
import { type GraphQLSchema, GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { DocentError } from '@docent/common';
import { toGraphQLError } from '@docent/graphql';

/**
 * Refuses operations whose cost exceeds `maxCost`: one per field, with list fields declaring
 * their own cost (items × selection) in the resolvers. Aliases count, so 10,000 aliases cost
 * 10,000 times one.
 */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  const estimators = [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({ schema, query: document, operationName: request.operationName, variables: request.variables, estimators });
          } catch (error) {
            // Never skipped: what it cannot price (variables that do not coerce) does not run.
            const reason = error instanceof Error ? error.message : String(error);
            throw toGraphQLError(new DocentError('BAD_USER_INPUT', `The query's cost could not be computed: ${reason}`), { http: { status: 400 } });
          }
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}: ask for fewer fields or smaller pages`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
