/**
 * A source of sentence embeddings. Implement it to plug a new model or service into Docent:
 * the engine, the chunker and the programs need nothing else from a provider.
 */
export interface EmbeddingProvider {
  /** Stable name recorded next to every vector this provider makes, e.g. `Xenova/all-MiniLM-L6-v2`. */
  readonly modelName: string;
  /** What runs the model, recorded with it: `transformers.js`, `tensorflow.js`, an HTTP service's name. */
  readonly runtime: string;
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
  /**
   * Tokens per text as the model counts them (special tokens included): the chunker cuts
   * documents to the model's budget with it. A provider without its tokenizer at hand may
   * estimate, erring high.
   */
  countTokens(texts: readonly string[]): Promise<number[]>;
  /** One line for the start-up log: the model, where it runs and how. */
  describe(): string;
  /** Releases the model (worker threads, sessions, connections). */
  close?(): Promise<void>;
}
