/**
 * Padded tokens (texts × the longest one's tokens) a worker gives one model run unless configured
 * (`EMBEDDING_MAX_BATCH_TOKENS`). Measured on the MiniLM-shaped model (tools/bench/embeddings,
 * docs/benchmarks.md): against whole batches of 8, runs of at most 256 tokens embedded chunks
 * 1.3x as fast and cut the peak RSS of two model threads by a quarter; 512 and 1,024 gave less of
 * both. See padded-runs.cjs.
 */
export const DEFAULT_MAX_BATCH_TOKENS = 256;
