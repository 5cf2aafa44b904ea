import { integer, optionalText } from '@docent/common';
import { z } from 'zod';

/** The environment variables that choose and tune the database, and the options they make. */
export const databaseEnvironment = z
  .object({
    DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    DOCENT_DATA_DIR: z.string().trim().min(1).default('.docent/pgdata'),
    DATABASE_POOL_MAX: integer(1, 500).default(10),
    HNSW_EF_SEARCH: integer(1, 1000).default(100),
    HNSW_INDEX_PRECISION: z.enum(['full', 'half']).default('full'),
  })
  .transform((env) => ({
    /** A PostgreSQL URL; without one, the embedded PGlite database in `dataDir`. */
    url: env.DATABASE_URL,
    dataDir: env.DOCENT_DATA_DIR,
    poolMax: env.DATABASE_POOL_MAX,
    efSearch: env.HNSW_EF_SEARCH,
    indexPrecision: env.HNSW_INDEX_PRECISION,
  }));

export type DatabaseConfig = z.output<typeof databaseEnvironment>;
