import type { CollectionRole } from '@docent/persistence';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** The GraphQL face of persistence's `CollectionRole`. */
export const CollectionRoleValue = { VIEWER: 'VIEWER', EDITOR: 'EDITOR', OWNER: 'OWNER' } as const satisfies Record<CollectionRole, CollectionRole>;
registerEnumType(CollectionRoleValue, {
  name: 'CollectionRole',
  description: 'VIEWER: read and search. EDITOR: also ingest, delete and reprocess documents. OWNER: also rename, delete, and manage members.',
});

@ObjectType('Collection', { description: 'A set of documents shared by its members, each with a role' })
export class CollectionType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: "Where your documents go when an ingest names no collection; it can't be deleted" })
  isDefault!: boolean;

  @Field(() => CollectionRoleValue, { description: 'Your role in it' })
  role!: CollectionRole;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: Date;
}

@ObjectType('CollectionMember')
export class CollectionMemberType {
  @Field(() => ID)
  userId!: string;

  @Field()
  email!: string;

  @Field(() => CollectionRoleValue)
  role!: CollectionRole;

  @Field(() => GraphQLDateTimeISO)
  addedAt!: Date;
}
