import { Worker } from 'node:worker_threads';

/** What a worker sends back for each request: a result, or an error message. */
export type WorkerReply<Result> = { id: number; ok: true; result: Result } | { id: number; ok: false; error: string };

interface PendingRequest<Result> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

export interface RunOptions {
  /** Goes ahead of every queued request that is not urgent (but not of one a worker already has). */
  urgent?: boolean;
  transfer?: ArrayBuffer[];
}

/**
 * Each worker's young generation, in MB. V8 lets a thread's grow to 48 MB, as for a main thread;
 * capped at 8, a gateway with two model threads and the query thread peaked 40-55 MB lower
 * while ingesting, at the same throughput (docs/benchmarks.md, Memory).
 */
const YOUNG_GENERATION_MB = 8;

interface QueuedRequest<Request, Result> {
  request: Request;
  urgent: boolean;
  transfer: ArrayBuffer[];
  pending: PendingRequest<Result>;
}

/**
 * A fixed set of worker threads running one script. Each worker is handed up to `depth`
 * requests and runs them one at a time (the worker scripts queue them): with a depth of 2 a
 * worker starts its next request the moment it finishes one, without waiting for a main
 * thread that may be busy. Requests wait in order of arrival, urgent ones first. Workers start
 * on first use. A worker that dies fails its requests and is replaced.
 */
export class ThreadPool<Request, Result> {
  private readonly workers: (Worker | undefined)[];
  /** Requests handed to each worker and not yet answered. */
  private readonly handed: number[];
  private readonly queue: QueuedRequest<Request, Result>[] = [];
  private readonly inFlight = new Map<number, PendingRequest<Result> & { slot: number }>();
  private nextId = 1;
  private closed = false;
  /** Workers started over the pool's life (restarts included). */
  startedWorkers = 0;

  constructor(
    private readonly script: string,
    private readonly size: number,
    private readonly workerData: unknown,
    private readonly depth = 1,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`A worker pool needs at least one worker, got ${size}`);
    if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`Each worker takes at least one request at a time, got ${depth}`);
    this.workers = new Array(size).fill(undefined);
    this.handed = new Array(size).fill(0);
  }

  run(request: Request, { urgent = false, transfer = [] }: RunOptions = {}): Promise<Result> {
    if (this.closed) return Promise.reject(new Error('The worker pool is closed'));
    return new Promise<Result>((resolve, reject) => {
      const queued = { request, urgent, transfer, pending: { resolve, reject } };
      // Behind the urgent requests already waiting, ahead of the rest.
      const place = urgent ? this.queue.findIndex((waiting) => !waiting.urgent) : -1;
      if (place === -1) this.queue.push(queued);
      else this.queue.splice(place, 0, queued);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { pending } of this.queue.splice(0)) pending.reject(new Error('The worker pool was closed'));
    await Promise.all(this.workers.map((worker) => worker?.terminate()));
    this.workers.fill(undefined);
  }

  /** Hands queued requests out, filling every worker's first place before any second one. */
  private dispatch(): void {
    for (let place = 1; place <= this.depth; place++) {
      for (let slot = 0; slot < this.size && this.queue.length > 0; slot++) {
        if ((this.handed[slot] as number) < place) this.handTo(slot);
      }
    }
  }

  private handTo(slot: number): void {
    const next = this.queue.shift();
    if (!next) return;
    const id = this.nextId++;
    this.handed[slot] = (this.handed[slot] as number) + 1;
    this.inFlight.set(id, { ...next.pending, slot });
    const worker = this.worker(slot);
    // A busy worker keeps the process alive until it answers; an idle one does not.
    worker.ref();
    worker.postMessage({ id, request: next.request }, next.transfer);
  }

  private worker(slot: number): Worker {
    const existing = this.workers[slot];
    if (existing) return existing;
    const worker = new Worker(this.script, { workerData: this.workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    this.startedWorkers++;
    worker.on('message', (reply: WorkerReply<Result>) => this.settle(reply));
    worker.on('error', (error) => this.failSlot(slot, error));
    worker.on('exit', (code) => {
      if (!this.closed) this.failSlot(slot, new Error(`Embedding worker exited with code ${code}`));
    });
    this.workers[slot] = worker;
    return worker;
  }

  private settle(reply: WorkerReply<Result>): void {
    const pending = this.inFlight.get(reply.id);
    if (!pending) return;
    this.inFlight.delete(reply.id);
    this.handed[pending.slot] = (this.handed[pending.slot] as number) - 1;
    if (this.handed[pending.slot] === 0) this.workers[pending.slot]?.unref();
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(new Error(reply.error));
    this.dispatch();
  }

  private failSlot(slot: number, error: Error): void {
    this.workers[slot] = undefined;
    this.handed[slot] = 0;
    for (const [id, pending] of this.inFlight) {
      if (pending.slot !== slot) continue;
      this.inFlight.delete(id);
      pending.reject(error);
    }
    if (!this.closed) this.dispatch();
  }
}
