/**
 * Padded tokens (texts × the longest one's tokens) a worker gives one model run unless configured
 * (`EMBEDDING_MAX_BATCH_TOKENS`). Measured on the MiniLM-shaped model (tools/bench/embeddings,
 * docs/benchmarks.md): against whole batches of 8, runs of at most 256 tokens embedded 1,000
 * chunks 1.24-1.38x as fast and cut the peak RSS of two model threads by a quarter; 512 and 1,024
 * gave less of both, 128 and 192 about the same. See padded-runs.cjs.
 */
export const DEFAULT_MAX_BATCH_TOKENS = 256;
