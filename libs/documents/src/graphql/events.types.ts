import type { DocumentStatus } from '@docent/persistence';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DocumentCountsType } from './ingestion.types';

/** A document's status as events report it: the four of `DocumentStatus`, and its deletion. */
export const DocumentEventStatusValue = { PENDING: 'PENDING', PROCESSING: 'PROCESSING', READY: 'READY', FAILED: 'FAILED', DELETED: 'DELETED' } as const satisfies Record<
  DocumentStatus | 'DELETED',
  DocumentStatus | 'DELETED'
>;
registerEnumType(DocumentEventStatusValue, { name: 'DocumentEventStatus', description: 'A DocumentStatus, or DELETED' });

@ObjectType('DocumentStatusEvent', { description: 'A document arrived, changed status, or was deleted' })
export class DocumentStatusEventType {
  @Field(() => ID)
  documentId!: string;

  @Field(() => ID)
  collectionId!: string;

  @Field(() => DocumentEventStatusValue)
  status!: DocumentStatus | 'DELETED';

  @Field(() => Int)
  chunkCount!: number;

  @Field(() => Int, { description: 'Processing attempts so far' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'The first 500 characters of why the last attempt failed' })
  error!: string | null;
}

@ObjectType('IngestionProgress', { description: 'Documents by status, and the pace they settle at' })
export class IngestionProgressType extends DocumentCountsType {
  @Field(() => Float, { description: 'Documents that became READY or FAILED per second, over the last 10 s' })
  documentsPerSecond!: number;

  @Field(() => Int, { nullable: true, description: 'Seconds until the waiting documents settle at that pace; null if none settle or none wait' })
  etaSeconds!: number | null;
}
