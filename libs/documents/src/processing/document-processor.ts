import { createHash, randomUUID } from 'node:crypto';
import type { EmbeddingEngine } from '@docent/embeddings';
import type { ClaimedDocument, Database, NewChunk } from '@docent/persistence';
import type { Chunker } from '../chunking/chunker';
import type { DocumentsConfig } from '../documents-config';
import { type SupportedMimeType, toPlainText } from '../parsing/plain-text';

/** The slice of a pino-style logger the processor writes to. */
export interface ProcessorLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface DocumentProcessorDependencies {
  db: Pick<Database, 'documentQueue' | 'transaction'>;
  engine: Pick<EmbeddingEngine, 'generateEmbeddingsBatch'>;
  /** The database id of the engine's model, recorded on every chunk. */
  modelId: number;
  chunker: Chunker;
  config: Pick<DocumentsConfig, 'claimBatch' | 'leaseMs' | 'maxAttempts' | 'backoffMs' | 'pollIntervalMs'>;
  logger: ProcessorLogger;
  workerId?: string;
}

/**
 * A queue worker: claims due documents, parses and chunks them, embeds their chunks (the
 * engine packs chunks of all claimed documents into shared batches) and writes each document's
 * chunks and READY status in one transaction as soon as its vectors are ready, while the others
 * are still being embedded. A failure sends the document back with a backoff, or to FAILED.
 */
export class DocumentProcessor {
  readonly workerId: string;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly deps: DocumentProcessorDependencies) {
    this.workerId = deps.workerId ?? `worker-${randomUUID()}`;
  }

  /** Claims one batch of due documents and processes it; resolves with how many were claimed. */
  async processBatch(): Promise<number> {
    const { db, config } = this.deps;
    const claimed = await db.documentQueue.claim({ workerId: this.workerId, limit: config.claimBatch, leaseMs: config.leaseMs });
    await Promise.all(claimed.map((document) => this.process(document)));
    return claimed.length;
  }

  /** Polls for work until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let claimed = 0;
        try {
          claimed = await this.processBatch();
        } catch (error) {
          this.deps.logger.warn({ err: errorMessage(error), worker: this.workerId }, 'claiming documents failed; retrying');
        }
        if (claimed === 0 && this.running) await this.idle();
      }
    })();
  }

  /** Finishes the batch in flight, then stops; unfinished claims are taken over when their lease expires. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.deps.config.pollIntervalMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async process(document: ClaimedDocument): Promise<void> {
    const { db, engine, modelId, chunker, config, logger } = this.deps;
    try {
      const text = toPlainText(document.content, document.mimeType as SupportedMimeType);
      const pieces = await chunker.chunk(text);
      if (pieces.length === 0) throw new Error('The document has no text to index');
      const { vectors, invalid } = await engine.generateEmbeddingsBatch(pieces.map((piece) => piece.text));
      if (invalid.length > 0) throw new Error(`${invalid.length} chunks could not be embedded`);
      const chunks: NewChunk[] = pieces.map((piece, i) => ({
        documentId: document.id,
        ownerId: document.ownerId,
        ordinal: piece.ordinal,
        text: piece.text,
        tokenCount: piece.tokenCount,
        charStart: piece.charStart,
        charEnd: piece.charEnd,
        contentHash: createHash('sha256').update(piece.text).digest('hex'),
        embedding: vectors[i] as Float32Array,
      }));
      const written = await db.transaction((tx) => tx.documentQueue.completeWithChunks(this.workerId, document.id, modelId, chunks), { timeoutMs: 120_000 });
      if (written) logger.info({ document: document.id, chunks: chunks.length, worker: this.workerId }, 'document ready');
      else logger.warn({ document: document.id, worker: this.workerId }, 'lease lost before the document was written; another worker has it');
    } catch (error) {
      const outcome = await db.documentQueue.fail(this.workerId, document.id, errorMessage(error), config);
      logger.warn({ document: document.id, attempt: document.attempts, outcome, err: errorMessage(error) }, 'document processing failed');
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
