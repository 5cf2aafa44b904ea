import type { Access, Database, DocumentStatusEvent } from '@docent/persistence';
import { DocentError } from '@docent/common';

export interface DocumentStatusFeedOptions {
  /** Undelivered events one subscription may hold before it is ended. */
  maxPending: number;
  /** How long a subscription trusts the collections it read; a removed member stops receiving within this. */
  reachTtlMs: number;
}

export interface DocumentStatusFilter {
  documentIds?: readonly string[];
  collectionId?: string;
}

/**
 * Document status changes as subscriptions see them: one database listener per process (it
 * follows workers in any process), fanned out to each subscription, which receives only
 * documents of collections its `Access` reads, checked when each event is delivered. Every
 * transition arrives, in order. Bounded: a subscription that does not keep up holds at most
 * `maxPending` events and is ended with SLOW_CONSUMER past that instead of growing.
 */
export class DocumentStatusFeed {
  private readonly subscriptions = new Set<StatusSubscription>();
  private listening: Promise<() => Promise<void>> | undefined;

  constructor(
    private readonly db: Pick<Database, 'watchDocumentStatus' | 'collections'>,
    private readonly options: DocumentStatusFeedOptions = { maxPending: 1_000, reachTtlMs: 1_000 },
  ) {}

  async subscribe(access: Access, filter: DocumentStatusFilter = {}): Promise<AsyncIterableIterator<DocumentStatusEvent>> {
    this.listening ??= this.db.watchDocumentStatus((event) => {
      for (const subscription of this.subscriptions) subscription.offer(event);
    });
    await this.listening;
    const readReach = async () => new Set((await this.db.collections.list(access)).map((collection) => collection.id));
    const subscription = new StatusSubscription(filter, this.options, readReach, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Subscriptions open now: for metrics and limits. */
  get size(): number {
    return this.subscriptions.size;
  }

  async close(): Promise<void> {
    for (const subscription of this.subscriptions) await subscription.return();
    const stop = await this.listening;
    this.listening = undefined;
    await stop?.();
  }
}

/** One subscription's queue: an async iterator over its events. */
class StatusSubscription implements AsyncIterableIterator<DocumentStatusEvent> {
  private pending: DocumentStatusEvent[] = [];
  private readonly documentIds: Set<string> | undefined;
  private wake: (() => void) | undefined;
  private failure: DocentError | undefined;
  private done = false;
  private reach: { collections: Set<string>; readAt: number } | undefined;

  constructor(
    private readonly filter: DocumentStatusFilter,
    private readonly options: DocumentStatusFeedOptions,
    private readonly readReach: () => Promise<Set<string>>,
    private readonly onEnd: () => void,
  ) {
    this.documentIds = filter.documentIds && new Set(filter.documentIds);
  }

  offer(event: DocumentStatusEvent): void {
    if (this.done || this.failure) return;
    if (this.documentIds && !this.documentIds.has(event.documentId)) return;
    if (this.filter.collectionId !== undefined && event.collectionId !== this.filter.collectionId) return;
    this.pending.push(event);
    if (this.pending.length > this.options.maxPending) {
      this.pending = [];
      this.failure = new DocentError('SLOW_CONSUMER', `More than ${this.options.maxPending} status changes waited for this subscription to read them; subscribe again`);
    }
    this.wake?.();
  }

  async next(): Promise<IteratorResult<DocumentStatusEvent>> {
    for (;;) {
      const failure = this.failure;
      if (failure) {
        this.failure = undefined;
        this.finish();
        throw failure;
      }
      if (this.done) return { done: true, value: undefined };
      const first = this.pending.shift();
      if (!first) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      // Checked on delivery, against collections read at most reachTtlMs ago.
      if ((await this.collections()).has(first.collectionId)) return { done: false, value: first };
    }
  }

  async return(): Promise<IteratorResult<DocumentStatusEvent>> {
    this.finish();
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<DocumentStatusEvent> {
    return this;
  }

  private async collections(): Promise<Set<string>> {
    if (!this.reach || Date.now() - this.reach.readAt >= this.options.reachTtlMs) this.reach = { collections: await this.readReach(), readAt: Date.now() };
    return this.reach.collections;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.pending = [];
    this.onEnd();
    this.wake?.();
  }
}
