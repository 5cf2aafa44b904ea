import type { EmbeddingProvider } from '../embedding-provider';
import { ThreadPool } from './thread-pool';

export interface ThreadedProviderOptions {
  modelName: string;
  /** The runtime behind the model, recorded with it: `transformers.js`, `tensorflow.js`. */
  runtime: string;
  dimension: number;
  maxInputTokens: number;
  /** Worker threads, one model instance each. */
  threads: number;
  /** The worker script: answers `embed` and `countTokens` requests (see the *.worker.* files). */
  script: string;
  workerData: Record<string, unknown>;
  /** How the provider introduces itself in logs. */
  description: string;
  /**
   * Share the worker threads with every provider of the same configuration and never stop
   * them: onnxruntime-node's native addon is not context-aware, and loading it into a new
   * thread after another one exited corrupts the heap ("Module did not self-register" without
   * a pin, a crash with one). Idle workers do not keep the process alive.
   */
  keepWorkersForProcessLifetime?: boolean;
}

type WorkerRequest = { type: 'embed' | 'countTokens'; texts: readonly string[] };
interface WorkerResult {
  data: Float32Array;
  dimension: number;
  loads: number;
  threadId: number;
  counts: number[];
}

/**
 * Model calls handed to each model thread at once: the second waits inside the worker and
 * starts as soon as the first ends, even while the main thread is busy (PGlite writes run on it).
 */
const MODEL_CALLS_PER_THREAD = 2;

const sharedPools = new Map<string, ThreadPool<WorkerRequest, WorkerResult>>();

function sharedThreadPool(script: string, size: number, workerData: Record<string, unknown>, depth: number): ThreadPool<WorkerRequest, WorkerResult> {
  const key = JSON.stringify([script, size, workerData, depth]);
  let pool = sharedPools.get(key);
  if (!pool) {
    pool = new ThreadPool<WorkerRequest, WorkerResult>(script, size, workerData, depth);
    sharedPools.set(key, pool);
  }
  return pool;
}

/** An embedding provider whose model lives in worker threads, so inference never blocks the event loop. */
export class ThreadedProvider implements EmbeddingProvider {
  readonly modelName: string;
  readonly runtime: string;
  readonly dimension: number;
  readonly maxInputTokens: number;
  readonly parallelism: number;
  private readonly pool: ThreadPool<WorkerRequest, WorkerResult>;
  /**
   * One more thread for short, latency-sensitive work: counting tokens for chunking and
   * embedding search queries, which so never queue behind ingestion batches.
   */
  private readonly lightPool: ThreadPool<WorkerRequest, WorkerResult>;
  private calls = 0;
  /** Model loads reported by each worker thread. */
  private readonly loadsByThread = new Map<number, number>();

  constructor(private readonly options: ThreadedProviderOptions) {
    this.modelName = options.modelName;
    this.runtime = options.runtime;
    this.dimension = options.dimension;
    this.maxInputTokens = options.maxInputTokens;
    this.parallelism = options.threads * MODEL_CALLS_PER_THREAD;
    const workerData = { ...options.workerData, modelName: options.modelName, maxInputTokens: options.maxInputTokens };
    const lightData = { ...workerData, lane: 'light' };
    this.pool = options.keepWorkersForProcessLifetime
      ? sharedThreadPool(options.script, options.threads, workerData, MODEL_CALLS_PER_THREAD)
      : new ThreadPool(options.script, options.threads, workerData, MODEL_CALLS_PER_THREAD);
    this.lightPool = options.keepWorkersForProcessLifetime ? sharedThreadPool(options.script, 1, lightData, 1) : new ThreadPool(options.script, 1, lightData, 1);
  }

  /** One model call for the whole batch; texts past the model's input limit are truncated. */
  embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    return this.embedOn(this.pool, texts);
  }

  /**
   * Search queries, on the light thread and ahead of the token counts waiting there: a query
   * waits for the one count in progress at most, never for a batch. (In FIFO order it waited
   * behind every document being chunked: up to a second while ingesting.)
   */
  embedQueries(texts: readonly string[]): Promise<Float32Array[]> {
    return this.embedOn(this.lightPool, texts, true);
  }

  private async embedOn(pool: ThreadPool<WorkerRequest, WorkerResult>, texts: readonly string[], urgent = false): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    this.calls++;
    const { data, dimension, loads, threadId } = await pool.run({ type: 'embed', texts }, { urgent });
    this.loadsByThread.set(threadId, loads);
    if (dimension !== this.dimension) throw new Error(`${this.modelName} produced ${dimension}-d vectors, expected ${this.dimension}`);
    return texts.map((_, i) => data.slice(i * dimension, (i + 1) * dimension));
  }

  /** Tokens per text as the model's own tokenizer counts them. */
  async countTokens(texts: readonly string[]): Promise<number[]> {
    if (texts.length === 0) return [];
    return (await this.lightPool.run({ type: 'countTokens', texts })).counts;
  }

  stats(): { modelCalls: number; workersStarted: number; modelLoads: number } {
    const modelLoads = [...this.loadsByThread.values()].reduce((sum, loads) => sum + loads, 0);
    return { modelCalls: this.calls, workersStarted: this.pool.startedWorkers, modelLoads };
  }

  describe(): string {
    return this.options.description;
  }

  async close(): Promise<void> {
    if (!this.options.keepWorkersForProcessLifetime) await Promise.all([this.pool.close(), this.lightPool.close()]);
  }
}
