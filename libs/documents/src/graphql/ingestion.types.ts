import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('IngestionStats', { description: 'The processing queue across all users' })
export class IngestionStatsType {
  @Field(() => Int)
  pending!: number;

  @Field(() => Int)
  processing!: number;

  @Field(() => Int)
  ready!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Float, { description: 'How long the longest-waiting due document has waited, in seconds' })
  oldestDueSeconds!: number;
}
