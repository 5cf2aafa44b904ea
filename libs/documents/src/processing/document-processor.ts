import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from '@docent/common';
import { type ClaimedDocument, type Database, ModelNotActiveError, type NewChunk } from '@docent/persistence';
import type { TextChunk } from '../chunking/chunker';
import type { DocumentsConfig } from '../documents-config';
import type { ModelRuntimes } from '../models/model-runtime';
import { DEFAULT_PARSERS } from '../parsing/default-parsers';
import { type DocumentParsers, type TextSection, UnreadableDocumentError, sectionAt } from '../parsing/document-parser';
import { type WorkLane, ingestionLane, reembeddingLane } from './work-lanes';

export interface DocumentProcessorDependencies {
  db: Pick<Database, 'kind' | 'documentQueue' | 'reembeddingQueue' | 'transaction'>;
  /** New documents are embedded with the active model; models being built get their tasks served too. */
  models: ModelRuntimes;
  /** The formats it reads (default: plain text, Markdown, HTML); give intake the same. */
  parsers?: Pick<DocumentParsers, 'parse'>;
  config: Pick<DocumentsConfig, 'claimBatch' | 'batchesInFlight' | 'leaseMs' | 'maxAttempts' | 'backoffMs' | 'pollIntervalMs' | 'maxChunksPerDocument'>;
  logger: Logger;
  workerId?: string;
}

/**
 * Most chunks written in one transaction (a bigger document is written whole, on its own). On
 * PostgreSQL a search runs on another connection and never waits for a write. PGlite has one
 * connection and runs on the main thread, where HNSW inserts cost 4-10 ms per chunk while the
 * model threads take the cores: a search, and everything else on the event loop, waits for the
 * transaction in progress. With 16, search p99 while ingesting measured 213 ms against 534 with
 * 256 (tools/bench/ingest), at the same throughput.
 */
export const MAX_CHUNKS_PER_WRITE: Readonly<Record<Database['kind'], number>> = { postgres: 256, pglite: 16 };

/** Most chunks handed to the engine in one call, and most chunks of small documents embedded together. */
export const MAX_CHUNKS_PER_EMBED = 128;

interface ChunkedDocument {
  document: ClaimedDocument;
  pieces: TextChunk[];
  /** Where each part of the text came from (pages, headings), when the format says. */
  sections: TextSection[];
}

interface EmbeddedDocument {
  document: ClaimedDocument;
  chunks: NewChunk[];
}

/**
 * A queue worker: claims due documents, parses and chunks them, embeds the chunks of all of
 * them together and writes each document's chunks and READY status in one transaction, several
 * documents to a transaction up to `MAX_CHUNKS_PER_WRITE` chunks. With
 * `batchesInFlight` > 1 the next batch is chunked and embedded while one is being written.
 * A failure sends the document back with a backoff, or to FAILED. While a model is being built,
 * each round also takes a batch of its re-embedding tasks, so new documents keep flowing.
 */
export class DocumentProcessor {
  readonly workerId: string;
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly wakers = new Set<() => void>();

  constructor(private readonly deps: DocumentProcessorDependencies) {
    this.workerId = deps.workerId ?? `worker-${randomUUID()}`;
  }

  /**
   * Claims one batch of new documents for the active model, then one batch of tasks of each
   * model being built, and processes them. Resolves with how many were claimed.
   */
  async processBatch(): Promise<number> {
    const { db, models } = this.deps;
    const lanes = [ingestionLane(db, this.workerId, await models.active()), ...(await models.building()).map((runtime) => reembeddingLane(db, this.workerId, runtime))];
    let claimed = 0;
    for (const lane of lanes) claimed += await this.processLane(lane);
    return claimed;
  }

  /**
   * One batch of a lane: all are chunked first; then the small ones go to the engine together
   * (so it can sort their chunks by length across documents) and are written, and a big one
   * goes alone, in slices.
   */
  private async processLane(lane: WorkLane): Promise<number> {
    const { config } = this.deps;
    const claimed = await lane.claim(config.claimBatch, config.leaseMs);
    if (claimed.length === 0) return 0;
    const heartbeat = this.keepLeases(lane, claimed.map((document) => document.id));
    try {
      const chunked = (await Promise.all(claimed.map((document) => this.attempt(lane, document, () => this.chunk(lane, document))))).filter(isDefined);
      for (const group of groupForEmbedding(chunked)) await this.writeAll(lane, await this.embedAll(lane, group));
    } finally {
      clearInterval(heartbeat);
    }
    return claimed.length;
  }

  /** Renews the batch's leases while it is worked on, so only a dead worker's documents are taken over. */
  private keepLeases(lane: WorkLane, documentIds: readonly string[]): NodeJS.Timeout {
    const { config, logger } = this.deps;
    return setInterval(() => {
      lane.extendLease(documentIds, config.leaseMs).catch((error: unknown) => {
        logger.warn({ err: error, worker: this.workerId }, 'renewing leases failed');
      });
    }, Math.max(100, config.leaseMs / 3));
  }

  /** Polls for work until `stop()`, with `batchesInFlight` batches overlapping. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: Math.max(1, this.deps.config.batchesInFlight) }, () => this.poll());
  }

  /** Finishes the batches in flight, then stops; unfinished claims are taken over when their lease expires. */
  async stop(): Promise<void> {
    this.running = false;
    for (const wake of this.wakers) wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async poll(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.processBatch();
      } catch (error) {
        this.deps.logger.warn({ err: error, worker: this.workerId }, 'claiming documents failed; retrying');
      }
      if (claimed === 0 && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.deps.config.pollIntervalMs);
      this.wakers.add(wake);
    });
  }

  private async chunk(lane: WorkLane, document: ClaimedDocument): Promise<ChunkedDocument> {
    const { text, sections } = await (this.deps.parsers ?? DEFAULT_PARSERS).parse(document.content, document.mimeType);
    const pieces = await lane.runtime.chunker.chunk(text);
    if (pieces.length === 0) throw new UnreadableDocumentError('The document has no text to index');
    const { maxChunksPerDocument } = this.deps.config;
    if (pieces.length > maxChunksPerDocument) {
      throw new UnreadableDocumentError(`The document makes ${pieces.length} chunks, more than the limit of ${maxChunksPerDocument} (MAX_CHUNKS_PER_DOCUMENT)`);
    }
    return { document, pieces, sections };
  }

  /**
   * The group's chunks, in engine calls of at most `MAX_CHUNKS_PER_EMBED`: the engine serves
   * calls in turn, so another worker loop's small document waits for one slice of a big one,
   * never for all of it. If a call fails, every document in the group fails.
   */
  private async embedAll(lane: WorkLane, chunked: readonly ChunkedDocument[]): Promise<EmbeddedDocument[]> {
    if (chunked.length === 0) return [];
    const texts = chunked.flatMap(({ pieces }) => pieces.map((piece) => piece.text));
    const vectors: Float32Array[] = [];
    try {
      for (let start = 0; start < texts.length; start += MAX_CHUNKS_PER_EMBED) {
        const result = await lane.runtime.engine.generateEmbeddingsBatch(texts.slice(start, start + MAX_CHUNKS_PER_EMBED));
        if (result.invalid.length > 0) throw new Error(`${result.invalid.length} chunks could not be embedded`);
        vectors.push(...result.vectors);
      }
    } catch (error) {
      await Promise.all(chunked.map(({ document }) => this.recordFailure(lane, document, error)));
      return [];
    }
    let offset = 0;
    return chunked.map(({ document, pieces, sections }) => {
      const chunks = pieces.map((piece, i) => toNewChunk(document, piece, sectionAt(sections, piece.charStart), vectors[offset + i] as Float32Array));
      offset += pieces.length;
      return { document, chunks };
    });
  }

  /**
   * Writes the batch's documents in as few transactions as `MAX_CHUNKS_PER_WRITE` allows: a
   * handful of statements for many documents, where a transaction per document costs the
   * database a commit and four statements each. If one fails, its documents are written one by
   * one, so a failure stays with the document that caused it.
   */
  private async writeAll(lane: WorkLane, embedded: readonly EmbeddedDocument[]): Promise<void> {
    for (const group of groupByChunks(embedded, (document) => document.chunks.length, MAX_CHUNKS_PER_WRITE[this.deps.db.kind])) {
      try {
        await this.write(lane, group);
      } catch (error) {
        if (error instanceof ModelNotActiveError) {
          // Promoted away while these were embedded: they go back, to be embedded with the new model.
          this.deps.logger.info({ documents: group.length, model: error.modelName, worker: this.workerId }, 'the active model changed; documents go back to the queue');
          await lane.release(group.map(({ document }) => document.id));
          continue;
        }
        const [only, ...others] = group;
        if (only && others.length === 0) {
          await this.recordFailure(lane, only.document, error);
          continue;
        }
        this.deps.logger.warn({ err: error, documents: group.length, worker: this.workerId }, 'writing a batch failed; writing its documents one by one');
        await Promise.all(group.map((one) => this.attempt(lane, one.document, () => this.write(lane, [one]))));
      }
    }
  }

  private async write(lane: WorkLane, embedded: readonly EmbeddedDocument[]): Promise<void> {
    const { db, logger } = this.deps;
    const completed = embedded.map(({ document, chunks }) => ({ documentId: document.id, chunks }));
    const written = new Set(await db.transaction((tx) => lane.complete(tx, completed), { timeoutMs: 120_000 }));
    const model = lane.runtime.model.name;
    for (const { document, chunks } of embedded) {
      if (!written.has(document.id)) logger.warn({ document: document.id, model, worker: this.workerId }, 'lease lost before the document was written; another worker has it');
      else if (lane.name === 'ingestion') logger.info({ document: document.id, chunks: chunks.length, worker: this.workerId }, 'document ready');
      else logger.info({ document: document.id, chunks: chunks.length, model, worker: this.workerId }, 'document re-embedded');
    }
  }

  /** Runs one step for one document; a failure is recorded on that document alone. */
  private async attempt<T>(lane: WorkLane, document: ClaimedDocument, step: () => Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      await this.recordFailure(lane, document, error);
      return undefined;
    }
  }

  private async recordFailure(lane: WorkLane, document: ClaimedDocument, error: unknown): Promise<void> {
    // What the document itself rules out fails at once: another attempt would end the same way.
    const retries = error instanceof UnreadableDocumentError ? { ...this.deps.config, maxAttempts: 1 } : this.deps.config;
    const outcome = await lane.fail(document.id, errorMessage(error), retries);
    this.deps.logger.warn({ document: document.id, model: lane.runtime.model.name, lane: lane.name, attempt: document.attempts, outcome, err: error }, 'document processing failed');
  }
}

/**
 * Whole documents, in the order given, in groups of at most `maxChunks` chunks (a bigger
 * document is a group of its own).
 */
function groupByChunks<T>(documents: readonly T[], chunksOf: (document: T) => number, maxChunks: number): T[][] {
  const groups: T[][] = [];
  let chunks = Infinity;
  for (const document of documents) {
    if (chunks + chunksOf(document) > maxChunks) {
      groups.push([]);
      chunks = 0;
    }
    (groups[groups.length - 1] as T[]).push(document);
    chunks += chunksOf(document);
  }
  return groups;
}

/** Smallest first, so a claim's small documents are embedded and written before a big one. */
function groupForEmbedding(chunked: readonly ChunkedDocument[]): ChunkedDocument[][] {
  const smallestFirst = [...chunked].sort((a, b) => a.pieces.length - b.pieces.length);
  return groupByChunks(smallestFirst, (document) => document.pieces.length, MAX_CHUNKS_PER_EMBED);
}

function toNewChunk(document: ClaimedDocument, piece: TextChunk, section: TextSection | undefined, embedding: Float32Array): NewChunk {
  return {
    documentId: document.id,
    page: section?.page ?? null,
    heading: section?.heading ?? null,
    ordinal: piece.ordinal,
    text: piece.text,
    tokenCount: piece.tokenCount,
    charStart: piece.charStart,
    charEnd: piece.charEnd,
    contentHash: createHash('sha256').update(piece.text).digest('hex'),
    embedding,
  };
}


function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
