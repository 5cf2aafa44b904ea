import { PersistenceError } from './errors';
import type { IndexGraph } from './types';

/** pgvector's defaults; indexes built with them keep the names earlier versions gave them. */
export const DEFAULT_INDEX_GRAPH: Readonly<IndexGraph> = { m: 16, efConstruction: 64 };

/** pgvector's limits, checked before an index build starts rather than minutes into one. */
export function assertIndexGraph(graph: IndexGraph): IndexGraph {
  const { m, efConstruction } = graph;
  if (!Number.isSafeInteger(m) || m < 2 || m > 100) {
    throw new PersistenceError('INVALID_INDEX_GRAPH', `m must be an integer from 2 to 100, got ${m}`);
  }
  if (!Number.isSafeInteger(efConstruction) || efConstruction < 2 * m || efConstruction > 1_000) {
    throw new PersistenceError('INVALID_INDEX_GRAPH', `efConstruction must be an integer from 2 × m (${2 * m}) to 1000, got ${efConstruction}`);
  }
  return graph;
}
