import { DocentError } from '@docent/common';
import type { DocumentRecord } from '@docent/persistence';
import type { FileUpload } from 'graphql-upload-minimal';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { DocumentInput } from '../intake/document-input';
import { accessOf } from './viewer-access';
import { DocumentInputType, UploadInputType } from './document.inputs';
import { DocumentType } from './document.types';
import type { DocumentsContext } from './documents-context';
import { StorageUsageType } from './ingestion.types';
import { type ReceivedUpload, UploadScalar } from './upload.scalar';

@Resolver()
export class IngestionResolver {
  @Authorized()
  @Query(() => StorageUsageType, { description: 'What you store, and your quota (QUOTA_EXCEEDED refuses an ingest that goes over it)' })
  storageUsage(@Ctx() context: DocumentsContext): Promise<StorageUsageType> {
    return context.documents.intake.usage(accessOf(context).userId);
  }

  @Authorized('ingest')
  @Mutation(() => DocumentType, { description: 'Stores a document (PENDING) and returns at once; poll `document(id)` until READY' })
  async ingestDocument(@Arg('input', () => DocumentInputType) input: DocumentInputType, @Ctx() context: DocumentsContext): Promise<DocumentRecord> {
    const [document] = await ingest(context, [input]);
    if (!document) throw new Error('Intake returned no document for one input');
    return document;
  }

  @Authorized('ingest')
  @Mutation(() => [DocumentType], {
    description: 'Stores several documents in one transaction (all or none), in order. Identical content returns the stored document.',
  })
  ingestDocuments(@Arg('inputs', () => [DocumentInputType]) inputs: DocumentInputType[], @Ctx() context: DocumentsContext): Promise<DocumentRecord[]> {
    return ingest(context, inputs);
  }

  @Authorized('ingest')
  @Mutation(() => DocumentType, {
    description:
      'Stores a file sent by the GraphQL multipart request spec (PDF, DOCX, text, Markdown or HTML) as ingestDocument stores a document: at most MAX_DOCUMENT_BYTES, no base64 needed',
  })
  async uploadDocument(
    @Arg('file', () => UploadScalar) file: ReceivedUpload,
    @Ctx() context: DocumentsContext,
    @Arg('input', () => UploadInputType, { nullable: true }) input?: UploadInputType | null,
  ): Promise<DocumentRecord> {
    const upload = await received(file);
    // GraphQL's nulls become "absent" for the intake's validation.
    const { title, mimeType, metadata, sourceId, collection } = input ?? {};
    return context.documents.intake.ingestFile(
      accessOf(context),
      { filename: upload.filename, mimeType: upload.mimetype, stream: upload.createReadStream() },
      { title: title ?? undefined, mimeType: mimeType ?? undefined, metadata: metadata ?? undefined, sourceId: sourceId ?? undefined, collection: collection ?? undefined },
    );
  }

  @Authorized('manage')
  @Mutation(() => ID, { description: 'Deletes a document and its chunks; returns its id. Needs EDITOR on its collection.' })
  async deleteDocument(@Arg('id', () => ID) id: string, @Ctx() context: DocumentsContext): Promise<string> {
    await context.documents.library.delete(accessOf(context), id);
    return id;
  }

  @Authorized('ingest')
  @Mutation(() => DocumentType, { description: 'Chunks and embeds a READY or FAILED document again; its old chunks stay searchable until then. Needs EDITOR on its collection.' })
  reprocessDocument(@Arg('id', () => ID) id: string, @Ctx() context: DocumentsContext): Promise<DocumentRecord> {
    return context.documents.library.reprocess(accessOf(context), id);
  }
}

/** The upload's details once its part arrives; a request that never sends it is the client's failure. */
async function received(file: ReceivedUpload): Promise<FileUpload> {
  try {
    return await file.upload;
  } catch (error) {
    throw new DocentError('BAD_USER_INPUT', `The file did not arrive: ${(error as Error).message}`, { field: 'file' });
  }
}

function ingest(context: DocumentsContext, inputs: readonly DocumentInputType[]): Promise<DocumentRecord[]> {
  // GraphQL's nulls become "absent" for the intake's validation.
  const documents: DocumentInput[] = inputs.map(({ title, content, mimeType, metadata, sourceId, collection }) => ({
    title,
    content,
    mimeType: mimeType as DocumentInput['mimeType'],
    metadata: metadata ?? undefined,
    sourceId: sourceId ?? undefined,
    collection: collection ?? undefined,
  }));
  return context.documents.intake.ingest(accessOf(context), documents);
}
