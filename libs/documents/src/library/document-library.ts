import type { ChunkSummary, Database, DocumentRecord, DocumentStatus, QueueStats } from '@docent/persistence';
import { DocentError, type Page, checkPageSize, pageFromRows } from '@docent/common';
import { isDocumentId } from '../document-id';
import type { ModelRuntimes } from '../models/model-runtime';
import { decodeDocumentCursor, encodeDocumentCursor } from './document-cursor';

export interface DocumentListOptions {
  first?: number;
  /** The endCursor of the previous page; null or absent for the first page (what Relay clients send). */
  after?: string | null;
  status?: DocumentStatus;
}

export interface ChunkListOptions {
  first?: number;
  /** The endCursor of the previous page; null or absent for the first page. */
  after?: string | null;
}

/**
 * An owner's documents after intake: look them up, page through them and their chunks, delete
 * or reprocess them. Every read is scoped to the owner; another owner's document is NOT_FOUND.
 */
export class DocumentLibrary {
  constructor(
    private readonly db: Pick<Database, 'documents' | 'chunks' | 'documentQueue'>,
    /** The chunks shown are the active model's: the ones search reads. */
    private readonly models: Pick<ModelRuntimes, 'active'>,
  ) {}

  async get(ownerId: string, id: string): Promise<DocumentRecord> {
    const document = isDocumentId(id) ? await this.db.documents.findById({ userId: ownerId }, id) : null;
    if (!document) throw notFound(id);
    return document;
  }

  /** Many documents at once, in the order asked, null where the owner has no such document. */
  async findMany(ownerId: string, ids: readonly string[]): Promise<(DocumentRecord | null)[]> {
    const found = await this.db.documents.findByIds({ userId: ownerId }, ids.filter(isDocumentId));
    const byId = new Map(found.map((document) => [document.id, document]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async list(ownerId: string, { first = 20, after, status }: DocumentListOptions = {}): Promise<Page<DocumentRecord>> {
    const size = checkPageSize(first);
    const rows = await this.db.documents.list({ userId: ownerId }, { first: size + 1, after: after === undefined || after === null ? undefined : decodeDocumentCursor(after), status });
    return pageFromRows(rows, size, encodeDocumentCursor);
  }

  /** The content of many documents, in the order asked, null where the owner has no such document. */
  async contents(ownerId: string, ids: readonly string[]): Promise<(string | null)[]> {
    const found = await this.db.documents.findContents({ userId: ownerId }, ids.filter(isDocumentId));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** The same page of chunks (of the active model, in order) of each of many documents, in one query. */
  async chunksOfMany(ownerId: string, documentIds: readonly string[], { first = 20, after }: ChunkListOptions = {}): Promise<Page<ChunkSummary>[]> {
    const size = checkPageSize(first);
    const afterOrdinal = after === undefined || after === null ? undefined : decodeOrdinal(after);
    const pages = await this.db.chunks.pageByDocuments({ userId: ownerId }, documentIds.filter(isDocumentId), { modelId: (await this.models.active()).model.id, first: size + 1, afterOrdinal });
    return documentIds.map((id) => pageFromRows(pages.get(id) ?? [], size, (chunk) => String(chunk.ordinal)));
  }

  /** Deletes the document and its chunks; it is gone from search at once. */
  async delete(ownerId: string, id: string): Promise<void> {
    if (!(isDocumentId(id) && (await this.db.documents.delete({ userId: ownerId }, id)))) throw notFound(id);
  }

  /** Chunks and embeds a settled document again (after a chunking change, or a FAILED one after a fix). */
  async reprocess(ownerId: string, id: string): Promise<DocumentRecord> {
    const document = isDocumentId(id) ? await this.db.documents.requeue({ userId: ownerId }, id) : null;
    if (!document) throw notFound(id);
    return document;
  }

  /** The whole queue, across owners: for admins and metrics. */
  queueStats(): Promise<QueueStats> {
    return this.db.documentQueue.stats();
  }
}

function decodeOrdinal(cursor: string): number {
  const ordinal = Number(cursor);
  if (!/^\d{1,9}$/.test(cursor) || !Number.isSafeInteger(ordinal)) throw new DocentError('BAD_USER_INPUT', 'Invalid cursor: pass the endCursor of a previous page', { field: 'after' });
  return ordinal;
}

function notFound(id: string): DocentError {
  return new DocentError('NOT_FOUND', `No document with id ${JSON.stringify(id.slice(0, 100))}`, { id: id.slice(0, 100) });
}
