import type { EmbeddingProvider } from '../embedding-provider';
import { BatchScheduler, type BatchSchedulerOptions, type EmbeddingPriority } from './batch-scheduler';
import { type InvalidInput, partitionInputs } from './input-validation';

export interface EmbeddingBatchResult {
  /** One vector per input, in input order; invalid inputs get a zero vector. */
  vectors: Float32Array[];
  /** The inputs that were not embedded, and why. */
  invalid: InvalidInput[];
  /** The model that made the vectors: store it next to them. */
  modelName: string;
}

/** One model call, as reported to `onBatch`. */
export interface EmbeddingBatchReport {
  size: number;
  durationMs: number;
  failed: boolean;
}

export interface EmbeddingEngineOptions extends Partial<Omit<BatchSchedulerOptions, 'concurrency'>> {
  /** Model calls at once; defaults to the provider's parallelism (for worker providers: 2 per thread). */
  concurrency?: number;
  /** Called after every model call, e.g. to record metrics. */
  onBatch?: (report: EmbeddingBatchReport) => void;
}

/** Batches of 8 length-sorted texts measured fastest on CPU for chunk-sized texts (see README). */
export const DEFAULT_ENGINE_OPTIONS = { maxBatchSize: 8, maxWaitMs: 5, maxQueuedTexts: 4_096, sortWindowBatches: 16 } as const;

/**
 * Docent's embedding engine: validates inputs, coalesces every caller's texts into full,
 * length-sorted batches (queries first) and runs them through one provider.
 */
export class EmbeddingEngine {
  private readonly scheduler: BatchScheduler;
  /** Queries' own scheduler, when the provider has capacity kept for them. */
  private readonly queryScheduler: BatchScheduler | undefined;

  constructor(
    readonly provider: EmbeddingProvider,
    options: EmbeddingEngineOptions = {},
  ) {
    const { onBatch } = options;
    const observe = (embed: (texts: readonly string[]) => Promise<Float32Array[]>) => (onBatch ? observed(embed, onBatch) : embed);
    this.scheduler = new BatchScheduler(observe((texts) => provider.embedBatch(texts)), {
      ...DEFAULT_ENGINE_OPTIONS,
      ...options,
      concurrency: options.concurrency ?? provider.parallelism ?? 1,
    });
    if (provider.embedQueries) {
      const embedQueries = provider.embedQueries.bind(provider);
      // Concurrent searches still share calls, but a lone query goes at once.
      this.queryScheduler = new BatchScheduler(observe(embedQueries), { ...DEFAULT_ENGINE_OPTIONS, maxWaitMs: 0, sortWindowBatches: 1, concurrency: 1 });
    }
  }

  /** Tokens per text as the model counts them, for chunking to its budget (`RecursiveChunker` takes this). */
  readonly countTokens = (texts: readonly string[]): Promise<number[]> => (texts.length === 0 ? Promise.resolve([]) : this.provider.countTokens(texts));

  /** Texts waiting for a model call. */
  get queuedTexts(): number {
    return this.scheduler.queuedTexts() + (this.queryScheduler?.queuedTexts() ?? 0);
  }

  /**
   * Embeds `texts` (ingestion priority unless told otherwise). Empty, whitespace-only and
   * non-string entries never reach the model: their slots hold zero vectors and are listed in
   * `invalid`. An empty list returns at once, without loading the model.
   */
  async generateEmbeddingsBatch(texts: readonly unknown[], priority: EmbeddingPriority = 'ingest'): Promise<EmbeddingBatchResult> {
    const { valid, invalid } = partitionInputs(texts);
    const vectors = new Array<Float32Array>(texts.length);
    for (const { index } of invalid) vectors[index] = new Float32Array(this.provider.dimension);
    if (valid.length > 0) {
      const scheduler = priority === 'query' ? (this.queryScheduler ?? this.scheduler) : this.scheduler;
      const embedded = await scheduler.submit(
        valid.map((entry) => entry.text),
        priority,
      );
      valid.forEach((entry, i) => {
        vectors[entry.index] = embedded[i] as Float32Array;
      });
    }
    return { vectors, invalid, modelName: this.provider.modelName };
  }

  /** A search query's embedding: goes ahead of queued ingestion. */
  async embedQuery(text: string): Promise<Float32Array> {
    const { vectors, invalid } = await this.generateEmbeddingsBatch([text], 'query');
    if (invalid.length > 0) throw new RangeError(`A search query must contain text (${invalid[0]?.reason})`);
    return vectors[0] as Float32Array;
  }

  async close(): Promise<void> {
    this.scheduler.close();
    this.queryScheduler?.close();
    await this.provider.close?.();
  }
}

function observed(embed: (texts: readonly string[]) => Promise<Float32Array[]>, onBatch: (report: EmbeddingBatchReport) => void) {
  return async (texts: readonly string[]): Promise<Float32Array[]> => {
    const started = performance.now();
    let failed = true;
    try {
      const vectors = await embed(texts);
      failed = false;
      return vectors;
    } finally {
      onBatch({ size: texts.length, durationMs: performance.now() - started, failed });
    }
  };
}
