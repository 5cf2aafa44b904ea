import type { Document } from '../generated/prisma/client';
import type { Access, CollectionRole, DocumentPage, DocumentRecord, DocumentStatus, JsonObject, NewDocument } from '../types';
import { reachableDocumentWhere } from './access';
import { type Executor, rethrowUniqueViolation } from './executor';

/**
 * Documents, each read and written through an `Access`: a document outside the collections it
 * reaches (with the role the operation needs) reads as absent. Creating one, and what intake
 * does within one collection (`...InCollection`), expect the caller to have checked its right on
 * the collection in the same transaction (`CollectionRepository.findForWrite`).
 */

export class DocumentRepository {
  constructor(private readonly db: Executor) {}

  async create(document: NewDocument): Promise<DocumentRecord> {
    try {
      return toRecord(await this.db.document.create({ data: { ...document, metadata: document.metadata ?? {} } }));
    } catch (error) {
      rethrowUniqueViolation(error, ['collectionId', 'sourceId']);
    }
  }

  /**
   * What a user has added: documents, and bytes of content (UTF-8). Inside a transaction, with
   * `lock`, it first locks the user's row, so two intakes of one user count one after the
   * other and a quota cannot be overrun by racing them.
   */
  async usage(ownerId: string, options: { lock?: boolean } = {}): Promise<{ documents: number; bytes: number }> {
    if (options.lock) await this.db.$queryRaw`SELECT id FROM users WHERE id = ${ownerId}::uuid FOR UPDATE`;
    const [row] = await this.db.$queryRaw<{ documents: bigint; bytes: bigint }[]>`
      SELECT count(*) AS documents, coalesce(sum(octet_length(content)), 0) AS bytes FROM documents WHERE owner_id = ${ownerId}::uuid`;
    return { documents: Number(row?.documents ?? 0), bytes: Number(row?.bytes ?? 0) };
  }

  async findBySourceIdInCollection(collectionId: string, sourceId: string): Promise<DocumentRecord | null> {
    const document = await this.db.document.findFirst({ where: { collectionId, sourceId } });
    return document && toRecord(document);
  }

  /** The collection's oldest document with this content (and no source id of its own). */
  async findByContentHashInCollection(collectionId: string, contentHash: string): Promise<DocumentRecord | null> {
    const document = await this.db.document.findFirst({ where: { collectionId, contentHash, sourceId: null }, orderBy: { createdAt: 'asc' } });
    return document && toRecord(document);
  }

  /**
   * New content for an existing document: back to PENDING for processing. Its chunks stay
   * searchable until the new ones replace them.
   */
  async replaceContentInCollection(collectionId: string, id: string, update: Pick<NewDocument, 'title' | 'mimeType' | 'content' | 'metadata' | 'contentHash'>): Promise<DocumentRecord> {
    const [document] = await this.db.document.updateManyAndReturn({
      where: { id, collectionId },
      data: { ...update, metadata: update.metadata ?? {}, status: 'PENDING', attempts: 0, error: null, nextAttemptAt: new Date(), leaseOwner: null, leaseExpiresAt: null },
    });
    if (!document) throw new Error(`Document ${id} vanished while its content was replaced`);
    return toRecord(document);
  }

  async findById(access: Access, id: string, role: CollectionRole = 'VIEWER'): Promise<DocumentRecord | null> {
    const document = await this.db.document.findFirst({ where: { id, ...reachableDocumentWhere(access, role) } });
    return document && toRecord(document);
  }

  /** Many documents at once (for batching loaders); unknown ids are left out. */
  async findByIds(access: Access, ids: readonly string[]): Promise<DocumentRecord[]> {
    if (ids.length === 0) return [];
    const documents = await this.db.document.findMany({ where: { id: { in: [...ids] }, ...reachableDocumentWhere(access, 'VIEWER') } });
    return documents.map(toRecord);
  }

  /**
   * Documents, newest first, a page at a time. The cursor is the position of the previous
   * page's last document (keyset pagination: stable while documents are added).
   */
  async list(access: Access, page: DocumentPage): Promise<DocumentRecord[]> {
    const { after } = page;
    const documents = await this.db.document.findMany({
      where: {
        ...reachableDocumentWhere(access, 'VIEWER'),
        ...(page.status ? { status: page.status } : {}),
        ...(page.sourceIds ? { sourceId: { in: [...page.sourceIds] } } : {}),
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
   * waiting or in progress is left as it is. Needs EDITOR; null when `access` has no such right.
   */
  async requeue(access: Access, id: string): Promise<DocumentRecord | null> {
    // The row as updated, not re-read: a worker may claim it the moment it is PENDING.
    const [requeued] = await this.db.document.updateManyAndReturn({
      where: { id, status: { in: ['READY', 'FAILED'] }, ...reachableDocumentWhere(access, 'EDITOR') },
      data: { status: 'PENDING', attempts: 0, error: null, nextAttemptAt: new Date(), leaseOwner: null, leaseExpiresAt: null },
    });
    return requeued ? toRecord(requeued) : this.findById(access, id, 'EDITOR');
  }

  /** How many documents `access` reads are in each status. */
  async countByStatus(access: Access): Promise<Record<DocumentStatus, number>> {
    const groups = await this.db.document.groupBy({ by: ['status'], where: reachableDocumentWhere(access, 'VIEWER'), _count: { _all: true } });
    const counts: Record<DocumentStatus, number> = { PENDING: 0, PROCESSING: 0, READY: 0, FAILED: 0 };
    for (const group of groups) counts[group.status] = group._count._all;
    return counts;
  }

  /** The content of several documents, by id; unknown ids are left out. */
  async findContents(access: Access, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const documents = await this.db.document.findMany({ where: { id: { in: [...ids] }, ...reachableDocumentWhere(access, 'VIEWER') }, select: { id: true, content: true } });
    return new Map(documents.map((document) => [document.id, document.content]));
  }

  /** Deletes the document and (by cascade) its chunks. Needs EDITOR. */
  async delete(access: Access, id: string): Promise<boolean> {
    const { count } = await this.db.document.deleteMany({ where: { id, ...reachableDocumentWhere(access, 'EDITOR') } });
    return count === 1;
  }
}

function toRecord(document: Document): DocumentRecord {
  return {
    id: document.id,
    ownerId: document.ownerId,
    collectionId: document.collectionId,
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
