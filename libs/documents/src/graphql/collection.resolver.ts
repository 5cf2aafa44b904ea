import type { CollectionMemberRecord, CollectionRecord, CollectionRole } from '@docent/persistence';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { accessOf } from './viewer-access';
import { CollectionMemberType, CollectionRoleValue, CollectionType } from './collection.types';
import type { DocumentsContext } from './documents-context';

/**
 * Collections and sharing. Listing needs only a sign-in (an API key sees the collections it is
 * held to); creating, renaming and deleting need MANAGE; members are an account's own business,
 * like its keys: a password sign-in only.
 */
@Resolver(() => CollectionType)
export class CollectionResolver {
  @Authorized()
  @Query(() => [CollectionType], { description: 'The collections you can read, your default one first' })
  collections(@Ctx() context: DocumentsContext): Promise<CollectionRecord[]> {
    return context.documents.collections.list(accessOf(context));
  }

  @Authorized()
  @Query(() => CollectionType, { description: 'A collection you can read; NOT_FOUND otherwise' })
  collection(@Arg('id', () => ID) id: string, @Ctx() context: DocumentsContext): Promise<CollectionRecord> {
    return context.documents.collections.get(accessOf(context), id);
  }

  @Authorized('manage')
  @Mutation(() => CollectionType, { description: 'A new collection, with you as its OWNER' })
  createCollection(@Arg('name') name: string, @Ctx() context: DocumentsContext): Promise<CollectionRecord> {
    return context.documents.collections.create(accessOf(context), name);
  }

  @Authorized('manage')
  @Mutation(() => CollectionType, { description: 'Needs OWNER' })
  renameCollection(@Arg('id', () => ID) id: string, @Arg('name') name: string, @Ctx() context: DocumentsContext): Promise<CollectionRecord> {
    return context.documents.collections.rename(accessOf(context), id, name);
  }

  @Authorized('manage')
  @Mutation(() => ID, { description: 'Deletes a collection with all its documents and their chunks, at once; returns its id. Needs OWNER; not a default collection.' })
  async deleteCollection(@Arg('id', () => ID) id: string, @Ctx() context: DocumentsContext): Promise<string> {
    await context.documents.collections.delete(accessOf(context), id);
    return id;
  }

  @Authorized('ACCOUNT')
  @Query(() => [CollectionMemberType], { description: 'Who may use a collection, and how. Needs OWNER.' })
  collectionMembers(@Arg('collection', () => ID) collection: string, @Ctx() context: DocumentsContext): Promise<CollectionMemberRecord[]> {
    return context.documents.collections.members(accessOf(context), collection);
  }

  @Authorized('ACCOUNT')
  @Mutation(() => [CollectionMemberType], { description: 'Adds a user by email with a role, or changes their role; returns the members. Needs OWNER.' })
  setCollectionMember(
    @Arg('collection', () => ID) collection: string,
    @Arg('email') email: string,
    @Arg('role', () => CollectionRoleValue) role: CollectionRole,
    @Ctx() context: DocumentsContext,
  ): Promise<CollectionMemberRecord[]> {
    return context.documents.collections.setMember(accessOf(context), collection, email, role);
  }

  @Authorized('ACCOUNT')
  @Mutation(() => [CollectionMemberType], { description: 'Removes a member (OWNER), or yourself (any member); it applies to their next request. Returns the members left.' })
  removeCollectionMember(@Arg('collection', () => ID) collection: string, @Arg('userId', () => ID) userId: string, @Ctx() context: DocumentsContext): Promise<CollectionMemberRecord[]> {
    return context.documents.collections.removeMember(accessOf(context), collection, userId);
  }
}
