import path from 'node:path';
import { type DocentClient, DocentRequestError } from '../client/docent-client';
import { DeleteDocument, StatusChanged, StoredDocuments, UploadDocument } from '../client/operations';
import type { CliStoredDocumentFragment as StoredDocument } from '../gql/graphql';
import { type LocalFile, readLocalFile } from './local-files';

type Status = StoredDocument['status'];

/** What a sync tells whoever shows its progress. */
export interface SyncListener {
  sent(file: LocalFile, change: 'new' | 'updated'): void;
  rejected(file: LocalFile, message: string): void;
  settled(file: LocalFile, document: { status: 'READY' | 'FAILED'; chunkCount: number; error: string | null }): void;
  removed(sourceId: string): void;
  changed(): void;
}

export interface SyncCounts {
  /** Files this sync was given. */
  files: number;
  /** Sent this time, because the collection had no such source id... */
  created: number;
  /** ...or had other content under it. */
  updated: number;
  /** Already stored with the same content: not sent. */
  unchanged: number;
  /** Refused by the server (too large, over quota...). */
  rejected: number;
  /** The given files' documents by status, as last heard. */
  ready: number;
  failed: number;
  waiting: number;
  /** Chunks of the READY ones. */
  chunks: number;
  /** Documents that became READY or FAILED during this sync. */
  settledNow: number;
}

export interface Failure {
  sourceId: string;
  error: string;
}

interface Tracked {
  file: LocalFile;
  status: Status;
  chunkCount: number;
  error: string | null;
  /** Whether `settled` was reported since the file was last sent. */
  reported: boolean;
}

const BATCH = 100;
const SETTLED: ReadonlySet<string> = new Set(['READY', 'FAILED']);
// Codes that no retry or other file will change: the whole sync stops.
const FATAL = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/**
 * Keeps a collection's documents equal to local files, each under its source id: sends what is
 * new or edited (compared by content hash, so unchanged files cost no upload), follows their
 * processing through the documentStatusChanged subscription, and removes what was deleted.
 * Stopping it lets the uploads in flight finish; running it again continues where it stopped.
 */
export class FolderSync {
  private readonly tracked = new Map<string, Tracked>();
  private readonly idBySourceId = new Map<string, string>();
  private readonly hashBySourceId = new Map<string, string>();
  // The latest event per document, kept even before its upload returns: processing may beat the response.
  private readonly heard = new Map<string, { status: Status | 'DELETED'; chunkCount: number; error: string | null; at: number }>();
  private readonly failures = new Map<string, string>();
  private counts = { created: 0, updated: 0, unchanged: 0, rejected: 0, settledNow: 0 };
  /** Source ids of the files given (and still there). */
  private readonly files = new Set<string>();
  /** Ids of the tracked documents not yet READY or FAILED: kept as they change, since every event asks. */
  private readonly unsettled = new Set<string>();
  private clock = 0;
  private stopped = false;
  // A fatal error (signed out, collection gone) in one upload stops the others.
  private halted = false;
  private unsubscribe: (() => void) | undefined;
  private wake: (() => void) | undefined;
  private onStop: (() => void) | undefined;
  /** Resolves when the sync is stopped. */
  readonly whenStopped = new Promise<void>((resolve) => (this.onStop = resolve));

  constructor(
    private readonly client: DocentClient,
    private readonly collection: string,
    private readonly listener: SyncListener,
    private readonly options: { concurrency: number; reconcileMs?: number },
  ) {}

  /** Starts following the collection's status events; call before sending. */
  follow(): void {
    this.unsubscribe = this.client.subscribe(
      StatusChanged,
      { collection: this.collection },
      {
        next: ({ documentStatusChanged: event }) => this.hear(event.documentId, { ...event, at: ++this.clock }),
        // Without events the sync still finishes: it re-reads statuses every few seconds.
        error: () => undefined,
        connected: () => void this.reconcile().catch(() => undefined),
      },
    );
  }

  /** Sends what differs among `files`, with `concurrency` uploads at a time. */
  async sync(files: readonly LocalFile[]): Promise<void> {
    for (const file of files) this.files.add(file.sourceId);
    const hashes = new Map<string, string>();
    await inParallel(files, 8, async (file) => void hashes.set(file.sourceId, (await readLocalFile(file)).contentHash));
    const stored = await this.stored(files.map((file) => file.sourceId));
    const outgoing: LocalFile[] = [];
    for (const file of files) {
      const document = stored.get(file.sourceId);
      if (document) this.remember(file.sourceId, document.id, document.contentHash);
      if (document && document.contentHash === hashes.get(file.sourceId)) {
        this.counts.unchanged++;
        this.track(document.id, file, document, false);
      } else outgoing.push(file);
    }
    this.listener.changed();
    await inParallel(outgoing, this.options.concurrency, (file) => this.send(file));
  }

  /** Sends one file if its content differs from what the collection holds (for --watch). */
  async syncOne(file: LocalFile): Promise<void> {
    const { contentHash } = await readLocalFile(file);
    if (this.hashBySourceId.get(file.sourceId) === contentHash) return;
    this.files.add(file.sourceId);
    await this.send(file);
  }

  /** Deletes the document of a file that is gone. */
  async remove(sourceId: string): Promise<void> {
    const id = this.idBySourceId.get(sourceId) ?? (await this.stored([sourceId])).get(sourceId)?.id;
    if (!id) return;
    await this.client.mutate(DeleteDocument, { id });
    this.tracked.delete(id);
    this.unsettled.delete(id);
    this.files.delete(sourceId);
    this.idBySourceId.delete(sourceId);
    this.hashBySourceId.delete(sourceId);
    this.listener.removed(sourceId);
    this.listener.changed();
  }

  /** Resolves once every document of the given files is READY or FAILED, or the sync is stopped. */
  async settled(): Promise<void> {
    const every = this.options.reconcileMs ?? 2_000;
    while (!this.stopped && this.unsettled.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, every);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (!this.stopped && this.unsettled.size > 0) await this.reconcile().catch(() => undefined);
    }
  }

  /** No new uploads start; the ones in flight finish. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
    this.onStop?.();
  }

  get interrupted(): boolean {
    return this.stopped;
  }

  close(): void {
    this.unsubscribe?.();
  }

  current(): SyncCounts {
    const documents = [...this.tracked.values()];
    const ready = documents.filter((document) => document.status === 'READY');
    return {
      files: this.files.size,
      ...this.counts,
      ready: ready.length,
      failed: documents.filter((document) => document.status === 'FAILED').length,
      waiting: this.unsettled.size,
      chunks: ready.reduce((sum, document) => sum + document.chunkCount, 0),
    };
  }

  /** Rejected uploads and FAILED documents, with why. */
  problems(): Failure[] {
    const failed = [...this.tracked.values()].filter((document) => document.status === 'FAILED');
    const all = new Map(this.failures);
    for (const document of failed) all.set(document.file.sourceId, document.error ?? 'processing failed');
    return [...all].map(([sourceId, error]) => ({ sourceId, error })).sort((a, b) => a.sourceId.localeCompare(b.sourceId));
  }

  private async send(file: LocalFile): Promise<void> {
    if (this.stopped || this.halted) return;
    const { bytes, contentHash } = await readLocalFile(file);
    // Sent as a file (a multipart request): no base64 on the wire.
    const upload = new File([new Uint8Array(bytes)], path.basename(file.path), { type: file.mimeType });
    const input = { mimeType: file.mimeType, sourceId: file.sourceId, collection: this.collection };
    const sentAt = this.clock;
    let document: StoredDocument;
    try {
      document = (await withRetries(() => this.client.mutate(UploadDocument, { file: upload, input }))).uploadDocument;
    } catch (error) {
      if (!(error instanceof DocentRequestError) || error.code === undefined || FATAL.has(error.code)) {
        this.halted = true;
        throw error;
      }
      this.counts.rejected++;
      this.failures.set(file.sourceId, error.message);
      this.listener.rejected(file, error.message);
      this.listener.changed();
      return;
    }
    this.failures.delete(file.sourceId);
    const known = this.idBySourceId.has(file.sourceId);
    this.counts[known ? 'updated' : 'created']++;
    this.remember(file.sourceId, document.id, contentHash);
    const event = this.heard.get(document.id);
    // An event newer than the request is newer than its response.
    this.track(document.id, file, event && event.at > sentAt && event.status !== 'DELETED' ? { ...event, status: event.status } : document, true);
    this.listener.sent(file, known ? 'updated' : 'new');
    this.report(document.id);
  }

  private remember(sourceId: string, id: string, contentHash: string): void {
    this.idBySourceId.set(sourceId, id);
    this.hashBySourceId.set(sourceId, contentHash);
  }

  /** `sent`: just uploaded, so its settling is news; otherwise found stored, where settled is old news. */
  private track(id: string, file: LocalFile, document: Pick<StoredDocument, 'status' | 'chunkCount' | 'error'>, sent: boolean): void {
    this.tracked.set(id, { file, status: document.status, chunkCount: document.chunkCount, error: document.error, reported: !sent && SETTLED.has(document.status) });
    this.noteSettling(id, document.status);
    this.listener.changed();
  }

  private noteSettling(id: string, status: Status): void {
    if (SETTLED.has(status)) this.unsettled.delete(id);
    else this.unsettled.add(id);
  }

  private hear(id: string, event: { status: Status | 'DELETED'; chunkCount: number; error: string | null; at: number }): void {
    this.heard.set(id, event);
    const document = this.tracked.get(id);
    if (!document || event.status === 'DELETED') return;
    Object.assign(document, { status: event.status, chunkCount: event.chunkCount, error: event.error });
    this.noteSettling(id, event.status);
    if (!SETTLED.has(event.status)) document.reported = false;
    this.report(id);
    this.listener.changed();
  }

  private report(id: string): void {
    const document = this.tracked.get(id);
    if (!document || document.reported || !SETTLED.has(document.status)) return;
    document.reported = true;
    this.counts.settledNow++;
    this.listener.settled(document.file, { status: document.status as 'READY' | 'FAILED', chunkCount: document.chunkCount, error: document.error });
    if (this.unsettled.size === 0) this.wake?.();
  }

  /** Re-reads the statuses of the documents still waiting (events sent while disconnected are lost). */
  private async reconcile(): Promise<void> {
    const waiting = [...this.unsettled].map((id) => this.tracked.get(id)?.file.sourceId).filter((sourceId) => sourceId !== undefined);
    const stored = await this.stored(waiting);
    for (const document of stored.values()) {
      const tracked = this.tracked.get(document.id);
      if (tracked && tracked.status !== document.status) this.hear(document.id, { ...document, at: ++this.clock });
    }
  }

  /** The collection's documents under these source ids. */
  private async stored(sourceIds: readonly string[]): Promise<Map<string, StoredDocument>> {
    const found = new Map<string, StoredDocument>();
    for (let start = 0; start < sourceIds.length; start += BATCH) {
      const batch = sourceIds.slice(start, start + BATCH);
      const { documents } = await withRetries(() => this.client.query(StoredDocuments, { collection: this.collection, sourceIds: batch, first: BATCH }));
      for (const document of documents.nodes) if (document.sourceId) found.set(document.sourceId, document);
    }
    return found;
  }
}

/** Runs `work` on each item, `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Waits out RATE_LIMITED (as long as the server says) and retries unreachable servers a few times. */
async function withRetries<T>(request: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const retryable = error instanceof DocentRequestError && (error.code === 'RATE_LIMITED' || error.code === undefined);
      if (!retryable || attempt >= attempts) throw error;
      const seconds = Number(error.extensions['retryAfterSeconds'] ?? 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 30) * 1_000));
    }
  }
}
