/**
 * Padded tokens (texts × the longest one's tokens) a worker gives one model run unless configured
 * (`EMBEDDING_MAX_BATCH_TOKENS`): it bounds the activations' memory, and on CPU long texts ran no
 * slower in smaller runs (tools/bench/embeddings, docs/benchmarks.md). See padded-runs.cjs.
 */
export const DEFAULT_MAX_BATCH_TOKENS = 1_024;
