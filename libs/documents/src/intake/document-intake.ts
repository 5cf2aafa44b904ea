import { createHash } from 'node:crypto';
import type { Access, Database, DocumentRecord, JsonObject, Repositories } from '@docent/persistence';
import { requireRoleIn } from '../collections/collection-service';
import type { DocumentsConfig } from '../documents-config';
import { DocentError } from '@docent/common';
import { DEFAULT_PARSERS } from '../parsing/default-parsers';
import type { DocumentParsers } from '../parsing/document-parser';
import { type DocumentInput, type ValidDocumentInput, documentInputSchema } from './document-input';
import { type FileFields, type IncomingFile, documentFromFile } from './uploaded-file';

/**
 * Accepts documents: validates them, stores them PENDING in one transaction and returns at
 * once; workers pick them up from there. Each goes to the collection it names (the caller's
 * default one if none), which needs EDITOR. Idempotent within a collection: the same content
 * (or the same sourceId with the same content) returns the document already stored; a known
 * sourceId with new content updates that document.
 */
export class DocumentIntake {
  private readonly inputSchema: ReturnType<typeof documentInputSchema>;

  constructor(
    private readonly db: Pick<Database, 'transaction' | 'documents' | 'collections'>,
    private readonly config: Pick<DocumentsConfig, 'maxContentBytes' | 'maxDocumentsPerCall'> & Partial<Pick<DocumentsConfig, 'quota'>>,
    /** The formats to accept: those the workers can parse. */
    private readonly parsers: Pick<DocumentParsers, 'mimeTypes' | 'isBinary'> = DEFAULT_PARSERS,
  ) {
    this.inputSchema = documentInputSchema(parsers.mimeTypes);
  }

  async ingest(access: Access, inputs: readonly DocumentInput[]): Promise<DocumentRecord[]> {
    const documents = this.validate(inputs);
    const quota = this.config.quota ?? { documents: 0, bytes: 0 };
    const limited = quota.documents > 0 || quota.bytes > 0;
    const ownerId = access.userId;
    return this.db.transaction(async (tx) => {
      const before = limited ? await tx.documents.usage(ownerId, { lock: true }) : undefined;
      const collections = await writableCollections(tx, access, documents);
      const stored: DocumentRecord[] = [];
      for (const document of documents) stored.push(await store(tx, { ownerId, collectionId: collections.get(document.collection) as string }, document));
      // Counted after writing, in the same transaction: identical content and replaced
      // documents count as what they are; over the limit, the whole call rolls back.
      if (before) checkQuota(quota, before, await tx.documents.usage(ownerId));
      return stored;
    });
  }

  /** One uploaded file, stored like `ingest` stores a document (see `documentFromFile`). */
  async ingestFile(access: Access, file: IncomingFile, fields: FileFields): Promise<DocumentRecord> {
    const [document] = await this.ingest(access, [await documentFromFile(file, fields, this.parsers, this.config.maxContentBytes)]);
    return document as DocumentRecord;
  }

  /** What a user has added, and the quota they are held to (null: no limit). */
  async usage(userId: string): Promise<StorageUsage> {
    const quota = this.config.quota ?? { documents: 0, bytes: 0 };
    const used = await this.db.documents.usage(userId);
    return { ...used, documentLimit: quota.documents || null, byteLimit: quota.bytes || null };
  }

  /** Checks every document before storing any, and reports every problem at once. */
  private validate(inputs: readonly DocumentInput[]): ValidDocumentInput[] {
    if (inputs.length === 0) throw new DocentError('BAD_USER_INPUT', 'Send at least one document');
    if (inputs.length > this.config.maxDocumentsPerCall) {
      throw new DocentError('BAD_USER_INPUT', `At most ${this.config.maxDocumentsPerCall} documents per call, got ${inputs.length}`);
    }
    const problems: string[] = [];
    const valid = inputs.map((input, index) => {
      const parsed = this.inputSchema.safeParse(input);
      if (!parsed.success) {
        problems.push(...parsed.error.issues.map((issue) => `documents[${index}].${issue.path.join('.')}: ${issue.message}`));
        return undefined;
      }
      const { content, mimeType } = parsed.data;
      const binary = this.parsers.isBinary(mimeType);
      if (binary && !BASE64.test(content)) {
        problems.push(`documents[${index}].content: ${mimeType} must be sent base64-encoded (RFC 4648, no line breaks)`);
        return parsed.data;
      }
      // A binary document's limit is on its decoded size: the file as the caller has it.
      const bytes = binary ? Buffer.from(content, 'base64').length : Buffer.byteLength(content, 'utf8');
      if (bytes > this.config.maxContentBytes) problems.push(`documents[${index}].content: ${bytes} bytes, more than the limit of ${this.config.maxContentBytes}`);
      return parsed.data;
    });
    if (problems.length > 0) throw new DocentError('BAD_USER_INPUT', `Invalid documents: ${problems.join('; ')}`, { problems });
    return valid as ValidDocumentInput[];
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function checkQuota(quota: DocumentsConfig['quota'], before: Usage, after: Usage): void {
  if (quota.documents > 0 && after.documents > quota.documents && after.documents > before.documents) {
    throw new DocentError('QUOTA_EXCEEDED', `This would make ${after.documents} documents; your quota is ${quota.documents} and you store ${before.documents}`, {
      limit: quota.documents,
      used: before.documents,
      resource: 'documents',
    });
  }
  if (quota.bytes > 0 && after.bytes > quota.bytes && after.bytes > before.bytes) {
    throw new DocentError('QUOTA_EXCEEDED', `This would make ${after.bytes} bytes of content; your quota is ${quota.bytes} and you store ${before.bytes}`, {
      limit: quota.bytes,
      used: before.bytes,
      resource: 'bytes',
    });
  }
}

type Usage = { documents: number; bytes: number };

export interface StorageUsage extends Usage {
  /** QUOTA_DOCUMENTS_PER_USER, or null when there is none. */
  documentLimit: number | null;
  /** QUOTA_BYTES_PER_USER, or null when there is none. */
  byteLimit: number | null;
}

/**
 * Each collection the documents name (undefined: the default one) and its id, once `access` is
 * checked to be an EDITOR of it, holding that right (a lock on the membership) until the
 * transaction ends.
 */
async function writableCollections(tx: Repositories, access: Access, documents: readonly ValidDocumentInput[]): Promise<Map<string | undefined, string>> {
  const ids = new Map<string | undefined, string>();
  for (const named of new Set(documents.map((document) => document.collection))) {
    const id = named ?? (await tx.collections.findDefault(access.userId))?.id;
    if (id === undefined) throw new DocentError('PRECONDITION_FAILED', 'You have no default collection; name one');
    ids.set(named, (await requireRoleIn(tx, access, id, 'EDITOR', true)).id);
  }
  return ids;
}

async function store(tx: Repositories, place: { ownerId: string; collectionId: string }, input: ValidDocumentInput): Promise<DocumentRecord> {
  const contentHash = createHash('sha256').update(`${input.mimeType}\n${input.content}`, 'utf8').digest('hex');
  const fields = { title: input.title, mimeType: input.mimeType, content: input.content, metadata: input.metadata as JsonObject, contentHash };
  if (input.sourceId) {
    const existing = await tx.documents.findBySourceIdInCollection(place.collectionId, input.sourceId);
    if (existing?.contentHash === contentHash) return existing;
    if (existing) return tx.documents.replaceContentInCollection(place.collectionId, existing.id, fields);
    return tx.documents.create({ ...fields, ...place, sourceId: input.sourceId });
  }
  return (await tx.documents.findByContentHashInCollection(place.collectionId, contentHash)) ?? tx.documents.create({ ...fields, ...place });
}
