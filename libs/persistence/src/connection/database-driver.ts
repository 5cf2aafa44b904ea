import type { PrismaPg } from '@prisma/adapter-pg';
import type { PrismaPGlite } from 'pglite-prisma-adapter';

/** One connection's worth of SQL, used where a session must stay on one connection (migrations). */
export interface SqlSession {
  /** Runs a script of one or more statements without parameters. */
  exec(script: string): Promise<void>;
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** What a database engine (PostgreSQL server or embedded PGlite) provides to the rest of this lib. */
export interface DatabaseDriver {
  readonly kind: 'postgres' | 'pglite';
  readonly adapter: PrismaPg | PrismaPGlite;
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Calls `onPayload` with each NOTIFY on `channel` (a constant, never user input) until the returned stop is called. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Search settings applied to every connection; see the README's "Vector search" section. */
export interface VectorSearchSettings {
  /** HNSW candidate list size: higher is more accurate and slower (pgvector default 40). */
  efSearch: number;
}

/** Session parameters for vector search, set on every connection as it opens. */
export function vectorSearchParameters({ efSearch }: VectorSearchSettings): Record<string, string> {
  if (!Number.isSafeInteger(efSearch) || efSearch < 1 || efSearch > 1000) {
    throw new RangeError(`efSearch must be an integer between 1 and 1000, got ${efSearch}`);
  }
  // strict_order: a filtered KNN (owner, model, documents) keeps walking the index until it
  // has enough matching rows, still in exact distance order.
  return { 'hnsw.ef_search': String(efSearch), 'hnsw.iterative_scan': 'strict_order' };
}
