import { Prisma } from '../generated/prisma/client';
import type { Access, CollectionRole } from '../types';

/** Each role and the roles that include it. */
const AT_LEAST: Record<CollectionRole, CollectionRole[]> = {
  VIEWER: ['VIEWER', 'EDITOR', 'OWNER'],
  EDITOR: ['EDITOR', 'OWNER'],
  OWNER: ['OWNER'],
};

/**
 * The one rule of who reaches what: `column` (a collection id) is one of the collections
 * `access.userId` is a member of with at least `role`, narrowed to `access.collections` when
 * given. Every document and chunk statement embeds it (as SQL here, or as the Prisma condition
 * below, which says the same), so rights are checked by the statement that reads or writes, when
 * it runs: a removed member's next request sees nothing.
 *
 * The set is an array computed once per statement (an InitPlan), not a join: the planner then
 * reads it as a filter on the chunks it scans, and still walks a model's HNSW index in distance
 * order. As `IN (SELECT ...)` it plans a hash join and an exact sort instead.
 */
export function reachableSql(column: Prisma.Sql, access: Access, role: CollectionRole): Prisma.Sql {
  const narrowed = access.collections === undefined ? Prisma.empty : Prisma.sql` AND m.collection_id = ANY(${[...access.collections]}::uuid[])`;
  return Prisma.sql`${column} = ANY(ARRAY(SELECT m.collection_id FROM collection_members m
    WHERE m.user_id = ${access.userId}::uuid AND m.role = ANY(${AT_LEAST[role]}::text[]::collection_role[])${narrowed}))`;
}

/** `reachableSql` for Prisma's query builder: a condition on a collection. */
export function reachableCollectionWhere(access: Access, role: CollectionRole): Prisma.CollectionWhereInput {
  return {
    members: { some: { userId: access.userId, role: { in: AT_LEAST[role] } } },
    ...(access.collections === undefined ? {} : { id: { in: [...access.collections] } }),
  };
}

/** `reachableSql` for Prisma's query builder: a condition on a document. */
export function reachableDocumentWhere(access: Access, role: CollectionRole): Prisma.DocumentWhereInput {
  return { collection: reachableCollectionWhere(access, role) };
}
