import { integer } from '@docent/common';
import { z } from 'zod';

/** The environment variables that tune intake and processing, and the config they make. */
export const documentsEnvironment = z
  .object({
    MAX_DOCUMENT_BYTES: integer(1).default(2_000_000),
    MAX_DOCUMENTS_PER_CALL: integer(1).default(100),
    CHUNK_TOKENS: integer(16, 512).default(200),
    CHUNK_OVERLAP_TOKENS: integer(0, 256).default(30),
    PROCESSING_MAX_ATTEMPTS: integer(1, 100).default(3),
    PROCESSING_LEASE_SECONDS: integer(1).default(30),
    MAX_CHUNKS_PER_DOCUMENT: integer(1).default(4_000),
    QUOTA_DOCUMENTS_PER_USER: integer(0).default(0),
    QUOTA_BYTES_PER_USER: integer(0).default(0),
  })
  .refine((env) => env.CHUNK_OVERLAP_TOKENS < env.CHUNK_TOKENS, { path: ['CHUNK_OVERLAP_TOKENS'], message: 'must be smaller than CHUNK_TOKENS' })
  .transform((env) => ({
    /** Largest document accepted, in UTF-8 bytes. */
    maxContentBytes: env.MAX_DOCUMENT_BYTES,
    maxDocumentsPerCall: env.MAX_DOCUMENTS_PER_CALL,
    /** Chunk size and overlap, in model tokens. */
    chunkTokens: env.CHUNK_TOKENS,
    chunkOverlapTokens: env.CHUNK_OVERLAP_TOKENS,
    /** Processing attempts before a document is FAILED; retries wait backoffMs × 2^(attempt − 1). */
    maxAttempts: env.PROCESSING_MAX_ATTEMPTS,
    backoffMs: 2_000,
    /**
     * How long a worker's claim holds before another worker may take the document over. The
     * worker renews it every third of that while it works, so it can be short: a crashed
     * worker's documents are picked up again within it.
     */
    leaseMs: env.PROCESSING_LEASE_SECONDS * 1000,
    /** A document that makes more chunks fails at once (it would hold a worker for minutes). */
    maxChunksPerDocument: env.MAX_CHUNKS_PER_DOCUMENT,
    /** Per user: most documents, and most bytes of content (UTF-8), stored at once; 0 for no limit. */
    quota: { documents: env.QUOTA_DOCUMENTS_PER_USER, bytes: env.QUOTA_BYTES_PER_USER },
    /** Documents a worker claims at once; their chunks share embedding batches. */
    claimBatch: 8,
    /** Claimed batches a worker processes at once, so the next is chunked and embedded while one is written. */
    batchesInFlight: 3,
    /** How often an idle worker looks for work. */
    pollIntervalMs: 500,
  }));

export type DocumentsConfig = z.output<typeof documentsEnvironment>;

export const DEFAULT_DOCUMENTS_CONFIG: DocumentsConfig = documentsEnvironment.parse({});
