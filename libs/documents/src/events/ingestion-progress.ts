import type { DocumentStatus } from '@docent/persistence';

export interface IngestionProgress {
  pending: number;
  processing: number;
  ready: number;
  failed: number;
  /** Documents settled (READY or FAILED) per second over the last `RATE_WINDOW_MS`. */
  documentsPerSecond: number;
  /** When the waiting documents will be settled at that rate; null when nothing settles or nothing waits. */
  etaSeconds: number | null;
}

const RATE_WINDOW_MS = 10_000;

/**
 * Counts of documents by status, read every `intervalMs` and delivered when they change (and
 * once at the start), with the rate they settle at. An iterator rather than an async generator:
 * a generator waiting on its timer cannot be stopped until it next yields, and an idle queue
 * may not yield for hours after its subscriber left.
 */
export class IngestionProgressFeed implements AsyncIterableIterator<IngestionProgress> {
  private readonly samples: { at: number; settled: number }[] = [];
  private last: string | undefined;
  private stopped = false;
  private timer: { cancel(): void } | undefined;

  constructor(
    private readonly count: () => Promise<Record<DocumentStatus, number>>,
    private readonly intervalMs: number,
  ) {}

  async next(): Promise<IteratorResult<IngestionProgress>> {
    for (let first = this.last === undefined; !this.stopped; first = false) {
      if (!first) await this.sleep();
      if (this.stopped) break;
      const progress = this.measure(await this.count());
      const shown = JSON.stringify(progress);
      if (shown !== this.last) {
        this.last = shown;
        return { done: false, value: progress };
      }
    }
    return { done: true, value: undefined };
  }

  async return(): Promise<IteratorResult<IngestionProgress>> {
    this.stopped = true;
    this.timer?.cancel();
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<IngestionProgress> {
    return this;
  }

  private measure(counts: Record<DocumentStatus, number>): IngestionProgress {
    const now = Date.now();
    this.samples.push({ at: now, settled: counts.READY + counts.FAILED });
    while (this.samples.length > 2 && now - (this.samples[1] as { at: number }).at >= RATE_WINDOW_MS) this.samples.shift();
    const oldest = this.samples[0] as { at: number; settled: number };
    const seconds = (now - oldest.at) / 1000;
    const documentsPerSecond = seconds > 0 ? Math.max(0, (counts.READY + counts.FAILED - oldest.settled) / seconds) : 0;
    const waiting = counts.PENDING + counts.PROCESSING;
    return {
      pending: counts.PENDING,
      processing: counts.PROCESSING,
      ready: counts.READY,
      failed: counts.FAILED,
      documentsPerSecond: Math.round(documentsPerSecond * 100) / 100,
      etaSeconds: documentsPerSecond > 0 && waiting > 0 ? Math.ceil(waiting / documentsPerSecond) : null,
    };
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const handle = setTimeout(resolve, this.intervalMs);
      this.timer = {
        cancel: () => {
          clearTimeout(handle);
          resolve();
        },
      };
    });
  }
}
