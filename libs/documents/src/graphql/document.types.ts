import type { DocumentStatus, JsonObject } from '@docent/persistence';
import { ConnectionType } from '@docent/graphql';
import { GraphQLDateTimeISO, GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The GraphQL face of persistence's `DocumentStatus`. */
export const DocumentStatusValue = { PENDING: 'PENDING', PROCESSING: 'PROCESSING', READY: 'READY', FAILED: 'FAILED' } as const satisfies Record<DocumentStatus, DocumentStatus>;
registerEnumType(DocumentStatusValue, {
  name: 'DocumentStatus',
  description: 'PENDING: waiting for a worker. PROCESSING: being chunked and embedded. READY: searchable. FAILED: gave up; see `error`.',
});

@ObjectType('Document', { description: 'A document the viewer can read, and its processing progress' })
export class DocumentType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The collection it belongs to' })
  collectionId!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: "The caller's own id for the document; ingesting the same sourceId into its collection again replaces it" })
  sourceId!: string | null;

  @Field()
  mimeType!: string;

  @Field({ description: 'SHA-256 (hex) of the mimeType, a newline and the content: a client compares it with its own to skip sending what is stored' })
  contentHash!: string;

  @Field(() => GraphQLJSONObject)
  metadata!: JsonObject;

  @Field(() => DocumentStatusValue)
  status!: DocumentStatus;

  @Field(() => String, { nullable: true, description: 'Why the last processing attempt failed' })
  error!: string | null;

  @Field(() => Int, { description: 'Processing attempts so far' })
  attempts!: number;

  @Field(() => Int)
  chunkCount!: number;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  updatedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it last became READY' })
  processedAt!: Date | null;
}

@ObjectType('DocumentConnection')
export class DocumentConnectionType extends ConnectionType(DocumentType) {}

@ObjectType('Chunk', { description: "A passage of a document, as embedded with the active model" })
export class ChunkType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Position in the document, from 0' })
  ordinal!: number;

  @Field()
  text!: string;

  @Field(() => Int, { nullable: true, description: 'The page it starts on, for PDFs' })
  page!: number | null;

  @Field(() => String, { nullable: true, description: 'The heading it sits under, for Word, Markdown and HTML documents' })
  heading!: string | null;

  @Field(() => Int, { description: "Length in the model's tokens" })
  tokenCount!: number;

  @Field(() => Int, { description: "Offset of the chunk's first character in the document's plain text" })
  charStart!: number;

  @Field(() => Int, { description: 'Offset just past its last character' })
  charEnd!: number;
}

@ObjectType('ChunkConnection')
export class ChunkConnectionType extends ConnectionType(ChunkType) {}
