import { Field, Float, Int, ObjectType } from 'type-graphql';

/** Documents by status: the fields every view of the queue shares (not a schema type itself, like `ConnectionType`'s base). */
@ObjectType()
export abstract class DocumentCountsType {
  @Field(() => Int)
  pending!: number;

  @Field(() => Int)
  processing!: number;

  @Field(() => Int)
  ready!: number;

  @Field(() => Int)
  failed!: number;
}

@ObjectType('IngestionStats', { description: 'The processing queue across all users' })
export class IngestionStatsType extends DocumentCountsType {
  @Field(() => Float, { description: 'How long the longest-waiting due document has waited, in seconds' })
  oldestDueSeconds!: number;
}

@ObjectType('StorageUsage', { description: 'What you store, and your quota' })
export class StorageUsageType {
  @Field(() => Int)
  documents!: number;

  @Field(() => Float, { description: 'Bytes of content (UTF-8)' })
  bytes!: number;

  @Field(() => Int, { nullable: true, description: 'Most documents you may store; null for no limit' })
  documentLimit!: number | null;

  @Field(() => Float, { nullable: true, description: 'Most bytes of content you may store; null for no limit' })
  byteLimit!: number | null;
}
