/** A source of sentence embeddings. Implement it to plug a new model or service into Docent. */
export interface EmbeddingProvider {
  /** Stable id recorded next to every vector this provider makes, e.g. `Xenova/all-MiniLM-L6-v2`. */
  readonly modelId: string;
  readonly dimension: number;
  /** Longest input in model tokens; longer texts are truncated by the provider. */
  readonly maxInputTokens: number;
  /** Model calls the engine may run at once (default 1). */
  readonly parallelism?: number;
  /** One L2-normalized vector per text, in input order, from as few model calls as the provider can manage. */
  embedBatch(texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * Embeds search queries on capacity kept apart from `embedBatch` (e.g. a thread of their own),
   * so a query never waits behind an ingestion batch. Without it, queries jump the queue but may
   * wait for a batch already running.
   */
  embedQueries?(texts: readonly string[]): Promise<Float32Array[]>;
  /** Tokens per text as the model counts them (special tokens included), for chunking to a token budget. */
  countTokens?(texts: readonly string[]): Promise<number[]>;
  /** Releases the model (worker threads, sessions). */
  close?(): Promise<void>;
}
