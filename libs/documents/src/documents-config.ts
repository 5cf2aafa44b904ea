export interface DocumentsConfig {
  /** Largest document accepted, in UTF-8 bytes. */
  maxContentBytes: number;
  maxDocumentsPerCall: number;
  /** Chunk size and overlap, in model tokens. */
  chunkTokens: number;
  chunkOverlapTokens: number;
  /** Processing attempts before a document is FAILED; retries wait backoffMs × 2^(attempt − 1). */
  maxAttempts: number;
  backoffMs: number;
  /** How long a worker's claim holds before another worker may take the document over. */
  leaseMs: number;
  /** Documents a worker claims at once; their chunks share embedding batches. */
  claimBatch: number;
  /** Claimed batches a worker processes at once, so the next is chunked and embedded while one is written. */
  batchesInFlight: number;
  /** How often an idle worker looks for work. */
  pollIntervalMs: number;
}

export const DEFAULT_DOCUMENTS_CONFIG: DocumentsConfig = {
  maxContentBytes: 2_000_000,
  maxDocumentsPerCall: 100,
  chunkTokens: 200,
  chunkOverlapTokens: 30,
  maxAttempts: 3,
  backoffMs: 2_000,
  leaseMs: 5 * 60_000,
  claimBatch: 8,
  batchesInFlight: 3,
  pollIntervalMs: 500,
};
