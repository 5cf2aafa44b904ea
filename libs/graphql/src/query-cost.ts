import type { ComplexityEstimator } from 'graphql-query-complexity';

/**
 * Query cost of a paginated field: its items' selections times how many items it may return.
 * Keeps a query's cost proportional to the rows it can make the server read.
 */
export function costPerItem(defaultFirst: number): ComplexityEstimator {
  return ({ args, childComplexity }) => {
    const first = typeof args['first'] === 'number' ? args['first'] : typeof args['input']?.first === 'number' ? args['input'].first : defaultFirst;
    return 1 + Math.max(1, childComplexity) * Math.max(1, first);
  };
}
