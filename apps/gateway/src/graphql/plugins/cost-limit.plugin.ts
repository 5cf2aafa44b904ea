import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type GraphQLSchema, GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { DocentError } from '@docent/common';
import { toGraphQLError } from '@docent/graphql';

// Per document: many variable sets (search texts) start its memory over rather than growing it.
const MAX_REMEMBERED_PER_DOCUMENT = 100;

/**
 * Refuses operations whose cost exceeds `maxCost`: one per field, with list fields declaring
 * their own cost (items × selection) in the resolvers. Aliases count, so 10,000 aliases cost
 * 10,000 times one.
 */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  const estimators = [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];
  // Apollo parses a query text once and hands out the same document after: its costs are
  // remembered per operation and variables, since clients send the same few operations.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  const costOf = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined) => {
    const key = `${operationName ?? ''}\n${variables === undefined ? '' : JSON.stringify(variables)}`;
    let known = costs.get(document);
    const cached = known?.get(key);
    if (cached !== undefined) return cached;
    const cost = getComplexity({ schema, query: document, operationName, variables, estimators });
    if (!known || known.size >= MAX_REMEMBERED_PER_DOCUMENT) costs.set(document, (known = new Map()));
    known.set(key, cost);
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = costOf(document, request.operationName, request.variables);
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
