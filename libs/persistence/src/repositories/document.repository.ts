import type { Document } from '../generated/prisma/client';
import type { DocumentPage, DocumentRecord, JsonObject, NewDocument } from '../types';
import { type Executor, rethrowUniqueViolation } from './executor';

export class DocumentRepository {
  constructor(private readonly db: Executor) {}

  async create(document: NewDocument): Promise<DocumentRecord> {
    try {
      return toRecord(await this.db.document.create({ data: { ...document, metadata: document.metadata ?? {} } }));
    } catch (error) {
      rethrowUniqueViolation(error, ['ownerId', 'sourceId']);
    }
  }

  /**
   * What an owner stores: documents, and bytes of content (UTF-8). Inside a transaction, with
   * `lock`, it first locks the owner's row, so two intakes of one owner count one after the
   * other and a quota cannot be overrun by racing them.
   */
  async usage(ownerId: string, options: { lock?: boolean } = {}): Promise<{ documents: number; bytes: number }> {
    if (options.lock) await this.db.$queryRaw`SELECT id FROM users WHERE id = ${ownerId}::uuid FOR UPDATE`;
    const [row] = await this.db.$queryRaw<{ documents: bigint; bytes: bigint }[]>`
      SELECT count(*) AS documents, coalesce(sum(octet_length(content)), 0) AS bytes FROM documents WHERE owner_id = ${ownerId}::uuid`;
    return { documents: Number(row?.documents ?? 0), bytes: Number(row?.bytes ?? 0) };
  }

  async findBySourceId(ownerId: string, sourceId: string): Promise<DocumentRecord | null> {
    const document = await this.db.document.findFirst({ where: { ownerId, sourceId } });
    return document && toRecord(document);
  }

  /** The owner's oldest document with this content (and no source id of its own). */
  async findByContentHash(ownerId: string, contentHash: string): Promise<DocumentRecord | null> {
    const document = await this.db.document.findFirst({ where: { ownerId, contentHash, sourceId: null }, orderBy: { createdAt: 'asc' } });
    return document && toRecord(document);
  }

  /**
   * New content for an existing document: back to PENDING for processing. Its chunks stay
   * searchable until the new ones replace them.
   */
  async replaceContent(ownerId: string, id: string, update: Pick<NewDocument, 'title' | 'mimeType' | 'content' | 'metadata' | 'contentHash'>): Promise<DocumentRecord> {
    const { count } = await this.db.document.updateMany({
      where: { id, ownerId },
      data: { ...update, metadata: update.metadata ?? {}, status: 'PENDING', attempts: 0, error: null, nextAttemptAt: new Date(), leaseOwner: null, leaseExpiresAt: null },
    });
    const document = count === 1 ? await this.findById(ownerId, id) : null;
    if (!document) throw new Error(`Document ${id} vanished while its content was replaced`);
    return document;
  }

  /** Owner-scoped: another user's id reads as not found. */
  async findById(ownerId: string, id: string): Promise<DocumentRecord | null> {
    const document = await this.db.document.findFirst({ where: { id, ownerId } });
    return document && toRecord(document);
  }

  /** Owner-scoped lookup of many documents at once (for batching loaders); unknown ids are left out. */
  async findByIds(ownerId: string, ids: readonly string[]): Promise<DocumentRecord[]> {
    if (ids.length === 0) return [];
    const documents = await this.db.document.findMany({ where: { ownerId, id: { in: [...ids] } } });
    return documents.map(toRecord);
  }

  /**
   * The owner's documents, newest first, a page at a time. The cursor is the position of the
   * previous page's last document (keyset pagination: stable while documents are added).
   */
  async list(ownerId: string, page: DocumentPage): Promise<DocumentRecord[]> {
    const { after } = page;
    const documents = await this.db.document.findMany({
      where: {
        ownerId,
        ...(page.status ? { status: page.status } : {}),
        ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.first,
    });
    return documents.map(toRecord);
  }

  /**
   * Sends a settled (READY or FAILED) document back to the queue to be chunked and embedded
   * again; its chunks stay searchable until the new ones replace them. A document already
   * waiting or in progress is left as it is. Null when the owner has no such document.
   */
  async requeue(ownerId: string, id: string): Promise<DocumentRecord | null> {
    // The row as updated, not re-read: a worker may claim it the moment it is PENDING.
    const [requeued] = await this.db.document.updateManyAndReturn({
      where: { id, ownerId, status: { in: ['READY', 'FAILED'] } },
      data: { status: 'PENDING', attempts: 0, error: null, nextAttemptAt: new Date(), leaseOwner: null, leaseExpiresAt: null },
    });
    return requeued ? toRecord(requeued) : this.findById(ownerId, id);
  }

  /** The content of several of the owner's documents, by id; unknown ids are left out. */
  async findContents(ownerId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const documents = await this.db.document.findMany({ where: { ownerId, id: { in: [...ids] } }, select: { id: true, content: true } });
    return new Map(documents.map((document) => [document.id, document.content]));
  }

  /** Deletes the document and (by cascade) its chunks. */
  async delete(ownerId: string, id: string): Promise<boolean> {
    const { count } = await this.db.document.deleteMany({ where: { id, ownerId } });
    return count === 1;
  }
}

function toRecord(document: Document): DocumentRecord {
  return {
    id: document.id,
    ownerId: document.ownerId,
    title: document.title,
    sourceId: document.sourceId,
    mimeType: document.mimeType,
    metadata: document.metadata as JsonObject,
    contentHash: document.contentHash,
    status: document.status,
    error: document.error,
    attempts: document.attempts,
    chunkCount: document.chunkCount,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
    processedAt: document.processedAt,
  };
}
