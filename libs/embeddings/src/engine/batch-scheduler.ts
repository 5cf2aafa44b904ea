/** Search queries jump ahead of document ingestion. */
export type EmbeddingPriority = 'query' | 'ingest';

export interface BatchSchedulerOptions {
  /** Most texts per model call. */
  maxBatchSize: number;
  /** How long a part-filled batch waits for more texts before it goes anyway. */
  maxWaitMs: number;
  /** Model calls running at once (one per worker thread). */
  concurrency: number;
  /** Most texts waiting; callers beyond it wait for room instead of growing memory. */
  maxQueuedTexts: number;
  /** Ingestion texts considered together when sorting by length, in batches. */
  sortWindowBatches: number;
}

interface QueuedText {
  text: string;
  resolve: (vector: Float32Array) => void;
  reject: (error: Error) => void;
}

/**
 * Coalesces texts from many callers into full batches for one embedding function.
 * Query texts go first; ingestion texts are sorted by length within a window at the head
 * of their queue, so a batch holds texts of similar length and little padding.
 */
export class BatchScheduler {
  private readonly queues: Record<EmbeddingPriority, QueuedText[]> = { query: [], ingest: [] };
  /** The current window of ingestion texts, sorted by length; drained before a new window forms. */
  private sortedWindow: QueuedText[] = [];
  private readonly waitingForRoom: (() => void)[] = [];
  private running = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly embed: (texts: string[]) => Promise<Float32Array[]>,
    private readonly options: BatchSchedulerOptions,
  ) {}

  /** Embeds `texts`, resolving once every one of them has its vector, in input order. */
  async submit(texts: readonly string[], priority: EmbeddingPriority): Promise<Float32Array[]> {
    if (this.closed) throw new Error('The embedding engine was closed');
    const results: Promise<Float32Array>[] = [];
    // Admit texts in slices no larger than the queue, so one huge call cannot bypass the bound.
    for (let start = 0; start < texts.length; ) {
      // Checked again after every wake-up: other callers may have taken the room first.
      while (this.queuedTexts() >= this.options.maxQueuedTexts) await this.waitForRoom();
      if (this.closed) throw new Error('The embedding engine was closed');
      const room = this.options.maxQueuedTexts - this.queuedTexts();
      const slice = texts.slice(start, start + room);
      for (const text of slice) {
        results.push(new Promise<Float32Array>((resolve, reject) => this.queues[priority].push({ text, resolve, reject })));
      }
      start += slice.length;
      this.schedule();
    }
    return Promise.all(results);
  }

  queuedTexts(): number {
    return this.queues.query.length + this.queues.ingest.length + this.sortedWindow.length;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    const abandoned = [...this.queues.query.splice(0), ...this.sortedWindow.splice(0), ...this.queues.ingest.splice(0)];
    for (const item of abandoned) item.reject(new Error('The embedding engine was closed'));
    for (const wake of this.waitingForRoom.splice(0)) wake();
  }

  private waitForRoom(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The embedding engine was closed'));
    return new Promise((resolve) => this.waitingForRoom.push(resolve));
  }

  private schedule(): void {
    while (this.running < this.options.concurrency && this.queuedTexts() > 0) {
      const full =
        this.queues.query.length >= this.options.maxBatchSize ||
        this.queues.ingest.length + this.sortedWindow.length >= this.options.maxBatchSize;
      if (!full && this.options.maxWaitMs > 0) {
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.flush();
        }, this.options.maxWaitMs);
        return;
      }
      this.flush();
    }
  }

  /** Starts one batch now, full or not. */
  private flush(): void {
    if (this.running >= this.options.concurrency || this.queuedTexts() === 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.takeBatch();
    this.running++;
    this.releaseRoom();
    this.embed(batch.map((item) => item.text))
      .then((vectors) => batch.forEach((item, i) => item.resolve(vectors[i] as Float32Array)))
      .catch((error: unknown) => batch.forEach((item) => item.reject(error instanceof Error ? error : new Error(String(error)))))
      .finally(() => {
        this.running--;
        this.schedule();
      });
    this.schedule();
  }

  private takeBatch(): QueuedText[] {
    const { maxBatchSize, sortWindowBatches } = this.options;
    if (this.queues.query.length > 0) return this.queues.query.splice(0, maxBatchSize);
    // A window is frozen once sorted, so a long text waits at most one window, however many short ones arrive.
    if (this.sortedWindow.length === 0) {
      this.sortedWindow = this.queues.ingest.splice(0, maxBatchSize * sortWindowBatches).sort((a, b) => a.text.length - b.text.length);
    }
    const batch = this.sortedWindow.splice(0, maxBatchSize);
    if (batch.length < maxBatchSize) batch.push(...this.queues.ingest.splice(0, maxBatchSize - batch.length));
    return batch;
  }

  private releaseRoom(): void {
    if (this.queuedTexts() < this.options.maxQueuedTexts) for (const wake of this.waitingForRoom.splice(0)) wake();
  }
}
