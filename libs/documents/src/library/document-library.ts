import type { Access, ChunkSummary, Database, DocumentRecord, DocumentStatus, QueueStats } from '@docent/persistence';
import { DocentError, MAX_PAGE_SIZE, type Page, checkPageSize, pageFromRows } from '@docent/common';
import { isDocumentId } from '../document-id';
import type { ModelRuntimes } from '../models/model-runtime';
import { decodeDocumentCursor, encodeDocumentCursor } from './document-cursor';

export interface DocumentListOptions {
  first?: number;
  /** The endCursor of the previous page; null or absent for the first page (what Relay clients send). */
  after?: string | null;
  status?: DocumentStatus;
  /** Only documents with one of these source ids (at most MAX_PAGE_SIZE): how a sync client finds what it stored. */
  sourceIds?: readonly string[] | null;
}

export interface ChunkListOptions {
  first?: number;
  /** The endCursor of the previous page; null or absent for the first page. */
  after?: string | null;
}

/**
 * Documents after intake: look them up, page through them and their chunks, delete or reprocess
 * them. Every call reaches only the collections its `Access` reaches: a document elsewhere is
 * NOT_FOUND; deleting or reprocessing one the caller only views is FORBIDDEN.
 */
export class DocumentLibrary {
  constructor(
    private readonly db: Pick<Database, 'documents' | 'chunks' | 'documentQueue'>,
    /** The chunks shown are the active model's: the ones search reads. */
    private readonly models: Pick<ModelRuntimes, 'active'>,
  ) {}

  async get(access: Access, id: string): Promise<DocumentRecord> {
    const document = isDocumentId(id) ? await this.db.documents.findById(access, id) : null;
    if (!document) throw notFound(id);
    return document;
  }

  /** Many documents at once, in the order asked, null where `access` reaches no such document. */
  async findMany(access: Access, ids: readonly string[]): Promise<(DocumentRecord | null)[]> {
    const found = await this.db.documents.findByIds(access, ids.filter(isDocumentId));
    const byId = new Map(found.map((document) => [document.id, document]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async list(access: Access, { first = 20, after, status, sourceIds }: DocumentListOptions = {}): Promise<Page<DocumentRecord>> {
    const size = checkPageSize(first);
    const rows = await this.db.documents.list(access, {
      first: size + 1,
      after: after === undefined || after === null ? undefined : decodeDocumentCursor(after),
      status,
      sourceIds: sourceIds === undefined || sourceIds === null ? undefined : checkSourceIds(sourceIds),
    });
    return pageFromRows(rows, size, encodeDocumentCursor);
  }

  /** The content of many documents, in the order asked, null where `access` reaches no such document. */
  async contents(access: Access, ids: readonly string[]): Promise<(string | null)[]> {
    const found = await this.db.documents.findContents(access, ids.filter(isDocumentId));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** The same page of chunks (of the active model, in order) of each of many documents, in one query. */
  async chunksOfMany(access: Access, documentIds: readonly string[], { first = 20, after }: ChunkListOptions = {}): Promise<Page<ChunkSummary>[]> {
    const size = checkPageSize(first);
    const afterOrdinal = after === undefined || after === null ? undefined : decodeOrdinal(after);
    const pages = await this.db.chunks.pageByDocuments(access, documentIds.filter(isDocumentId), { modelId: (await this.models.active()).model.id, first: size + 1, afterOrdinal });
    return documentIds.map((id) => pageFromRows(pages.get(id) ?? [], size, (chunk) => String(chunk.ordinal)));
  }

  /** Deletes the document and its chunks; it is gone from search at once. Needs EDITOR. */
  async delete(access: Access, id: string): Promise<void> {
    if (!(isDocumentId(id) && (await this.db.documents.delete(access, id)))) throw await this.denied(access, id);
  }

  /** Chunks and embeds a settled document again (after a chunking change, or a FAILED one after a fix). Needs EDITOR. */
  async reprocess(access: Access, id: string): Promise<DocumentRecord> {
    const document = isDocumentId(id) ? await this.db.documents.requeue(access, id) : null;
    if (!document) throw await this.denied(access, id);
    return document;
  }

  /** Why a change to a document was refused: FORBIDDEN if the caller may read it, NOT_FOUND otherwise. */
  private async denied(access: Access, id: string): Promise<DocentError> {
    const seen = isDocumentId(id) && (await this.db.documents.findById(access, id));
    return seen ? new DocentError('FORBIDDEN', 'Changing a document needs EDITOR on its collection', { id, required: 'EDITOR' }) : notFound(id);
  }

  /** How many of the documents `access` reads are in each status. */
  countByStatus(access: Access): Promise<Record<DocumentStatus, number>> {
    return this.db.documents.countByStatus(access);
  }

  /** The whole queue, across owners: for admins and metrics. */
  queueStats(): Promise<QueueStats> {
    return this.db.documentQueue.stats();
  }
}

function checkSourceIds(sourceIds: readonly string[]): string[] {
  if (sourceIds.length > MAX_PAGE_SIZE) throw new DocentError('BAD_USER_INPUT', `\`sourceIds\` takes at most ${MAX_PAGE_SIZE}`, { field: 'sourceIds' });
  // Stored source ids are trimmed, 1-500 characters of valid Unicode; anything else matches none, and NUL would not reach SQL.
  return sourceIds.map((sourceId) => sourceId.trim()).filter((sourceId) => sourceId.length > 0 && sourceId.length <= 500 && sourceId.isWellFormed() && !sourceId.includes('\u0000'));
}

function decodeOrdinal(cursor: string): number {
  const ordinal = Number(cursor);
  if (!/^\d{1,9}$/.test(cursor) || !Number.isSafeInteger(ordinal)) throw new DocentError('BAD_USER_INPUT', 'Invalid cursor: pass the endCursor of a previous page', { field: 'after' });
  return ordinal;
}

function notFound(id: string): DocentError {
  return new DocentError('NOT_FOUND', `No document with id ${JSON.stringify(id.slice(0, 100))}`, { id: id.slice(0, 100) });
}
