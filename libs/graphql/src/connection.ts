import type { ClassType } from 'type-graphql';
import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo')
export class PageInfoType {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page' })
  endCursor!: string | null;
}

/**
 * The Relay connection of a node type, as a base class:
 * `@ObjectType('UserConnection') class UserConnectionType extends ConnectionType(UserType) {}`.
 * Its fields are what `@docent/common`'s `Page` holds, so a service's page is returned as is.
 */
export function ConnectionType<TNode extends object>(nodeType: ClassType<TNode>) {
  // Never in the schema itself: type-graphql emits only the types fields refer to, the subclasses.
  @ObjectType()
  abstract class Connection {
    @Field(() => [nodeType])
    nodes!: TNode[];

    @Field(() => PageInfoType)
    pageInfo!: PageInfoType;
  }
  return Connection;
}
