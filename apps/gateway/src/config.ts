import { randomBytes } from 'node:crypto';
import { type AuthConfig, DEFAULT_AUTH_CONFIG } from '@docent/auth';
import { DEFAULT_DOCUMENTS_CONFIG, type DocumentsConfig } from '@docent/documents';
import type { EmbeddingModelConfig } from '@docent/embeddings';
import { DEFAULT_EMBEDDING_CONFIG } from '@docent/embeddings';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** Limits on what one request may ask of the server. */
export interface HttpLimits {
  /** Largest request body, in bytes; keep it above MAX_DOCUMENT_BYTES so that limit can speak for itself. */
  maxRequestBytes: number;
  maxQueryDepth: number;
  /** Query cost: one per field, times `first` for lists (see the README). */
  maxQueryCost: number;
  /**
   * Lexical tokens in a query document, checked while parsing. It also bounds nesting (three
   * tokens a level): graphql-js parses recursively and has run out of stack at 1,600 levels.
   */
  maxQueryTokens: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = { maxRequestBytes: 16 * 1024 * 1024, maxQueryDepth: 10, maxQueryCost: 5_000, maxQueryTokens: 3_000 };

/** Every environment variable Docent reads; the README's configuration table mirrors this. */
const environmentSchema = z.object({
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DOCENT_DATA_DIR: z.string().trim().min(1).default('.docent/pgdata'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  HNSW_EF_SEARCH: z.coerce.number().int().min(1).max(1000).default(100),
  EMBEDDING_PROVIDER: z.enum(['auto', 'transformers', 'use-lite']).default('auto'),
  EMBEDDING_MODEL: z.string().trim().min(1).default(DEFAULT_EMBEDDING_CONFIG.modelId),
  EMBEDDING_MODELS_DIR: z.string().trim().min(1).default(DEFAULT_EMBEDDING_CONFIG.modelsDir),
  EMBEDDING_QUANTIZED: booleanFlag.default(true),
  EMBEDDING_ALLOW_REMOTE_MODELS: booleanFlag.default(false),
  EMBEDDING_WORKERS: z.coerce.number().int().min(1).max(64).default(DEFAULT_EMBEDDING_CONFIG.workers),
  EMBEDDING_TFJS_BACKEND: z.enum(['wasm', 'cpu']).default('wasm'),
  NODE_ENV: z.string().optional(),
  AUTH_TOKEN_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  AUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(DEFAULT_AUTH_CONFIG.accessTokenTtlSeconds),
  AUTH_REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(31_536_000).default(DEFAULT_AUTH_CONFIG.refreshTokenTtlSeconds),
  AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(DEFAULT_AUTH_CONFIG.rateLimits.perIp.points),
  AUTH_RATE_LIMIT_PER_EMAIL: z.coerce.number().int().min(1).default(DEFAULT_AUTH_CONFIG.rateLimits.perEmail.points),
  DOCENT_ADMIN_EMAIL: optionalText,
  DOCENT_ADMIN_PASSWORD: optionalText,
  TRUST_PROXY: booleanFlag.default(false),
  GRAPHIQL: booleanFlag.default(true),
  INTROSPECTION: booleanFlag.default(true),
  METRICS: booleanFlag.default(true),
  MAX_REQUEST_BYTES: z.coerce.number().int().min(1_024).default(DEFAULT_HTTP_LIMITS.maxRequestBytes),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(100).default(DEFAULT_HTTP_LIMITS.maxQueryDepth),
  MAX_QUERY_COST: z.coerce.number().int().min(10).default(DEFAULT_HTTP_LIMITS.maxQueryCost),
  MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(DEFAULT_HTTP_LIMITS.maxQueryTokens),
  DOCUMENT_WORKER: booleanFlag.default(true),
  MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1).default(DEFAULT_DOCUMENTS_CONFIG.maxContentBytes),
  MAX_DOCUMENTS_PER_CALL: z.coerce.number().int().min(1).default(DEFAULT_DOCUMENTS_CONFIG.maxDocumentsPerCall),
  CHUNK_TOKENS: z.coerce.number().int().min(16).max(512).default(DEFAULT_DOCUMENTS_CONFIG.chunkTokens),
  CHUNK_OVERLAP_TOKENS: z.coerce.number().int().min(0).max(256).default(DEFAULT_DOCUMENTS_CONFIG.chunkOverlapTokens),
  PROCESSING_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(DEFAULT_DOCUMENTS_CONFIG.maxAttempts),
  PROCESSING_LEASE_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_DOCUMENTS_CONFIG.leaseMs / 1000),
});

export interface GatewayConfig {
  host: string;
  port: number;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  database: { url?: string; dataDir: string; poolMax: number; efSearch: number };
  embeddings: EmbeddingModelConfig;
  auth: AuthConfig;
  /** The first admin, created or promoted at start-up. */
  admin?: { email: string; password: string };
  /** Whether AUTH_TOKEN_SECRET was missing and a throwaway one is in use. */
  ephemeralTokenSecret: boolean;
  trustProxy: boolean;
  /** GraphiQL at /graphiql, schema introspection, and /metrics: on unless switched off. */
  graphiql: boolean;
  introspection: boolean;
  metrics: boolean;
  limits: HttpLimits;
  documents: DocumentsConfig;
  /** Run a document worker inside the gateway process. */
  documentWorker: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment, reporting every problem at once. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    // Values are left out of the message: a malformed DATABASE_URL may hold a password.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (!env.AUTH_TOKEN_SECRET && env.NODE_ENV === 'production') problems.push('AUTH_TOKEN_SECRET: required when NODE_ENV=production');
  if (env.CHUNK_OVERLAP_TOKENS >= env.CHUNK_TOKENS) problems.push('CHUNK_OVERLAP_TOKENS: must be smaller than CHUNK_TOKENS');
  if (env.GRAPHIQL && !env.INTROSPECTION) problems.push('GRAPHIQL: GraphiQL needs INTROSPECTION=true to read the schema');
  if (Boolean(env.DOCENT_ADMIN_EMAIL) !== Boolean(env.DOCENT_ADMIN_PASSWORD)) problems.push('DOCENT_ADMIN_EMAIL and DOCENT_ADMIN_PASSWORD: set both or neither');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    database: { url: env.DATABASE_URL, dataDir: env.DOCENT_DATA_DIR, poolMax: env.DATABASE_POOL_MAX, efSearch: env.HNSW_EF_SEARCH },
    embeddings: {
      ...DEFAULT_EMBEDDING_CONFIG,
      provider: env.EMBEDDING_PROVIDER,
      modelId: env.EMBEDDING_MODEL,
      modelsDir: env.EMBEDDING_MODELS_DIR,
      quantized: env.EMBEDDING_QUANTIZED,
      allowRemoteModels: env.EMBEDDING_ALLOW_REMOTE_MODELS,
      workers: env.EMBEDDING_WORKERS,
      tfjsBackend: env.EMBEDDING_TFJS_BACKEND,
    },
    auth: {
      ...DEFAULT_AUTH_CONFIG,
      // Without a configured secret (a laptop, a demo), tokens last as long as this process.
      tokenSecret: env.AUTH_TOKEN_SECRET ?? randomBytes(48).toString('base64url'),
      accessTokenTtlSeconds: env.AUTH_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.AUTH_REFRESH_TOKEN_TTL_SECONDS,
      rateLimits: {
        perIp: { ...DEFAULT_AUTH_CONFIG.rateLimits.perIp, points: env.AUTH_RATE_LIMIT_PER_IP },
        perEmail: { ...DEFAULT_AUTH_CONFIG.rateLimits.perEmail, points: env.AUTH_RATE_LIMIT_PER_EMAIL },
      },
    },
    admin: env.DOCENT_ADMIN_EMAIL && env.DOCENT_ADMIN_PASSWORD ? { email: env.DOCENT_ADMIN_EMAIL, password: env.DOCENT_ADMIN_PASSWORD } : undefined,
    ephemeralTokenSecret: !env.AUTH_TOKEN_SECRET,
    trustProxy: env.TRUST_PROXY,
    graphiql: env.GRAPHIQL,
    introspection: env.INTROSPECTION,
    metrics: env.METRICS,
    limits: { maxRequestBytes: env.MAX_REQUEST_BYTES, maxQueryDepth: env.MAX_QUERY_DEPTH, maxQueryCost: env.MAX_QUERY_COST, maxQueryTokens: env.MAX_QUERY_TOKENS },
    documents: {
      ...DEFAULT_DOCUMENTS_CONFIG,
      maxContentBytes: env.MAX_DOCUMENT_BYTES,
      maxDocumentsPerCall: env.MAX_DOCUMENTS_PER_CALL,
      chunkTokens: env.CHUNK_TOKENS,
      chunkOverlapTokens: env.CHUNK_OVERLAP_TOKENS,
      maxAttempts: env.PROCESSING_MAX_ATTEMPTS,
      leaseMs: env.PROCESSING_LEASE_SECONDS * 1000,
    },
    documentWorker: env.DOCUMENT_WORKER,
  };
}
