import { integer, optionalText } from '@docent/common';
import { z } from 'zod';
import { DEFAULT_INDEX_GRAPH } from './index-graph';

/**
 * PGlite's page cache, in MB. PostgreSQL's 128 held 116 MB more in the gateway; 32 searched as
 * fast at 10,000 chunks and a third slower (p50) at 100,000 (docs/benchmarks.md, Memory).
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS_MB = 32;

/** The environment variables that choose and tune the database, and the options they make. */
export const databaseEnvironment = z
  .object({
    DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    DOCENT_DATA_DIR: z.string().trim().min(1).default('.docent/pgdata'),
    PGLITE_SHARED_BUFFERS_MB: integer(1, 1024).default(DEFAULT_PGLITE_SHARED_BUFFERS_MB),
    DATABASE_POOL_MAX: integer(1, 500).default(10),
    HNSW_EF_SEARCH: integer(1, 1000).default(100),
    HNSW_INDEX_PRECISION: z.enum(['full', 'half']).default('full'),
    HNSW_M: integer(2, 100).default(DEFAULT_INDEX_GRAPH.m),
    HNSW_EF_CONSTRUCTION: integer(4, 1000).default(DEFAULT_INDEX_GRAPH.efConstruction),
  })
  .refine((env) => env.HNSW_EF_CONSTRUCTION >= 2 * env.HNSW_M, {
    message: 'HNSW_EF_CONSTRUCTION must be at least 2 × HNSW_M (pgvector builds no graph otherwise)',
    path: ['HNSW_EF_CONSTRUCTION'],
  })
  .transform((env) => ({
    /** A PostgreSQL URL; without one, the embedded PGlite database in `dataDir`. */
    url: env.DATABASE_URL,
    dataDir: env.DOCENT_DATA_DIR,
    pgliteSharedBuffersMb: env.PGLITE_SHARED_BUFFERS_MB,
    poolMax: env.DATABASE_POOL_MAX,
    efSearch: env.HNSW_EF_SEARCH,
    indexPrecision: env.HNSW_INDEX_PRECISION,
    indexGraph: { m: env.HNSW_M, efConstruction: env.HNSW_EF_CONSTRUCTION },
  }));

export type DatabaseConfig = z.output<typeof databaseEnvironment>;
