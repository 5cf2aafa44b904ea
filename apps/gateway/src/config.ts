import { authEnvironment } from '@docent/auth';
import { booleanFlag, integer, optionalText } from '@docent/common';
import { documentsEnvironment } from '@docent/documents';
import { embeddingsEnvironment } from '@docent/embeddings';
import { databaseEnvironment } from '@docent/persistence';
import { z } from 'zod';

/** The gateway's own environment variables: the HTTP server, its limits, and what runs in it. */
const gatewayEnvironment = z
  .object({
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    PORT: integer(0, 65_535).default(4000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NODE_ENV: z.string().optional(),
    DOCENT_ADMIN_EMAIL: optionalText,
    DOCENT_ADMIN_PASSWORD: optionalText,
    TRUST_PROXY: booleanFlag.default(false),
    GRAPHIQL: booleanFlag.default(true),
    INTROSPECTION: booleanFlag.default(true),
    METRICS: booleanFlag.default(true),
    METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
    MAX_REQUEST_BYTES: integer(1_024).default(16 * 1024 * 1024),
    MAX_QUERY_DEPTH: integer(2, 100).default(10),
    MAX_QUERY_COST: integer(10).default(5_000),
    MAX_QUERY_TOKENS: integer(100).default(3_000),
    DOCUMENT_WORKER: booleanFlag.default(true),
    WS_MAX_CONNECTIONS: integer(1).default(1_000),
    WS_MAX_SUBSCRIPTIONS: integer(1).default(20),
    SUBSCRIPTION_MAX_PENDING: integer(10).default(1_000),
    PROGRESS_INTERVAL_MS: integer(100).default(1_000),
  })
  .refine((env) => !env.GRAPHIQL || env.INTROSPECTION, { path: ['GRAPHIQL'], message: 'GraphiQL needs INTROSPECTION=true to read the schema' })
  .refine((env) => Boolean(env.DOCENT_ADMIN_EMAIL) === Boolean(env.DOCENT_ADMIN_PASSWORD), {
    path: ['DOCENT_ADMIN_EMAIL and DOCENT_ADMIN_PASSWORD'],
    message: 'set both or neither',
  })
  .transform((env) => ({
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    production: env.NODE_ENV === 'production',
    /** The first admin, created or promoted at start-up. */
    admin: env.DOCENT_ADMIN_EMAIL && env.DOCENT_ADMIN_PASSWORD ? { email: env.DOCENT_ADMIN_EMAIL, password: env.DOCENT_ADMIN_PASSWORD } : undefined,
    /** Take the client IP from X-Forwarded-For (behind a reverse proxy). */
    trustProxy: env.TRUST_PROXY,
    /** GraphiQL at /graphiql, schema introspection, and /metrics: on unless switched off. */
    graphiql: env.GRAPHIQL,
    introspection: env.INTROSPECTION,
    metrics: env.METRICS,
    /** When set, /metrics requires it as a bearer token. */
    metricsToken: env.METRICS_TOKEN,
    limits: {
      /** Largest request body, in bytes; keep it above MAX_DOCUMENT_BYTES so that limit can speak for itself. */
      maxRequestBytes: env.MAX_REQUEST_BYTES,
      maxQueryDepth: env.MAX_QUERY_DEPTH,
      /** Query cost: one per field, times `first` for lists (see the README). */
      maxQueryCost: env.MAX_QUERY_COST,
      /**
       * Lexical tokens in a query document, checked while parsing. It also bounds nesting (three
       * tokens a level): graphql-js parses recursively and has run out of stack at 1,600 levels.
       */
      maxQueryTokens: env.MAX_QUERY_TOKENS,
    },
    /** Run a document worker inside the gateway process. */
    documentWorker: env.DOCUMENT_WORKER,
    subscriptions: {
      /** Open WebSocket connections per process; the next is closed at once (1013, try again later). */
      maxConnections: env.WS_MAX_CONNECTIONS,
      /** Subscriptions open at once on one connection. */
      maxPerConnection: env.WS_MAX_SUBSCRIPTIONS,
      /** Undelivered status events one subscription may hold before it ends with SLOW_CONSUMER. */
      maxPending: env.SUBSCRIPTION_MAX_PENDING,
      /** How often progress subscriptions count again. */
      progressIntervalMs: env.PROGRESS_INTERVAL_MS,
    },
  }));

/**
 * Every environment variable Docent reads, by the lib that owns it; the README's configuration
 * table mirrors these schemas. A new lib with settings exports its schema and joins this list.
 */
const SECTIONS = {
  gateway: gatewayEnvironment,
  database: databaseEnvironment,
  embeddings: embeddingsEnvironment,
  auth: authEnvironment,
  documents: documentsEnvironment,
};

type Sections = { [Name in keyof typeof SECTIONS]: z.output<(typeof SECTIONS)[Name]> };

export type GatewayConfig = Omit<Sections, 'gateway'> &
  Sections['gateway'] & {
    /** Whether AUTH_TOKEN_SECRET was missing and a throwaway one is in use. */
    ephemeralTokenSecret: boolean;
  };

export type HttpLimits = GatewayConfig['limits'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment, reporting every problem of every section at once. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const problems: string[] = [];
  const sections: Partial<Record<keyof Sections, unknown>> = {};
  for (const [name, schema] of Object.entries(SECTIONS) as [keyof Sections, z.ZodType][]) {
    const parsed = schema.safeParse(environment);
    // Values are left out of the messages: a malformed DATABASE_URL may hold a password.
    if (parsed.success) sections[name] = parsed.data;
    else problems.push(...parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const ephemeralTokenSecret = !optionalText.parse(environment['AUTH_TOKEN_SECRET']);
  if (ephemeralTokenSecret && environment['NODE_ENV'] === 'production') problems.push('AUTH_TOKEN_SECRET: required when NODE_ENV=production');
  if (problems.length > 0) throw new ConfigError(problems);
  const { gateway, ...libs } = sections as Sections;
  return { ...gateway, ...libs, ephemeralTokenSecret };
}
