import { Prisma } from '../generated/prisma/client';
import type { Access, CollectionMemberRecord, CollectionRecord, CollectionRole } from '../types';
import { reachableCollectionWhere, reachableSql } from './access';
import { type Executor, rethrowUniqueViolation } from './executor';

/** The name of the collection every user starts with. */
export const DEFAULT_COLLECTION_NAME = 'Default';

interface CollectionRow {
  id: string;
  name: string;
  is_default: boolean;
  created_by: string;
  created_at: Date;
  role: CollectionRole;
}

/**
 * Collections and their members. Reads and writes of collections go through `Access` like
 * documents do: a collection the caller has no (or too small a) role on reads as absent. The
 * member methods take a collection id alone: their caller first holds OWNER (or, to leave, any
 * role) through `findForWrite` in the same transaction, which locks that right until it ends.
 */
export class CollectionRepository {
  constructor(private readonly db: Executor) {}

  /** A new collection with `userId` as its OWNER, in one statement. */
  async create(userId: string, name: string): Promise<CollectionRecord> {
    try {
      const collection = await this.db.collection.create({ data: { createdBy: userId, name, members: { create: { userId, role: 'OWNER' } } } });
      return { id: collection.id, name: collection.name, isDefault: collection.isDefault, createdBy: collection.createdBy, createdAt: collection.createdAt, role: 'OWNER' };
    } catch (error) {
      rethrowUniqueViolation(error, ['name']);
    }
  }

  /** The collections `access` reaches with at least `role`, the default first, then by name. */
  async list(access: Access, role: CollectionRole = 'VIEWER'): Promise<CollectionRecord[]> {
    return this.select(access, role, Prisma.empty);
  }

  /** One collection, if `access` reaches it with at least `role`. */
  async find(access: Access, id: string, role: CollectionRole = 'VIEWER'): Promise<CollectionRecord | null> {
    return (await this.select(access, role, Prisma.sql`AND c.id = ${id}::uuid`))[0] ?? null;
  }

  /**
   * `find`, locking the caller's membership until the transaction ends: a write that checked its
   * right this way cannot race the removal of that right.
   */
  async findForWrite(access: Access, id: string, role: CollectionRole): Promise<CollectionRecord | null> {
    return (await this.select(access, role, Prisma.sql`AND c.id = ${id}::uuid`, true))[0] ?? null;
  }

  /** The user's default collection (every user has one from the start). */
  async findDefault(userId: string): Promise<CollectionRecord | null> {
    return (await this.select({ userId }, 'VIEWER', Prisma.sql`AND c.is_default AND c.created_by = ${userId}::uuid`))[0] ?? null;
  }

  /** Renames a collection `access` OWNs; false when it does not reach it. */
  async rename(access: Access, id: string, name: string): Promise<boolean> {
    try {
      const { count } = await this.db.collection.updateMany({ where: { id, ...reachableCollectionWhere(access, 'OWNER') }, data: { name } });
      return count === 1;
    } catch (error) {
      rethrowUniqueViolation(error, ['name']);
    }
  }

  /** Deletes a collection `access` OWNs with its documents and their chunks, in one statement; never a default one. */
  async delete(access: Access, id: string): Promise<boolean> {
    const { count } = await this.db.collection.deleteMany({ where: { id, isDefault: false, ...reachableCollectionWhere(access, 'OWNER') } });
    return count === 1;
  }

  async members(collectionId: string): Promise<CollectionMemberRecord[]> {
    const members = await this.db.collectionMember.findMany({
      where: { collectionId },
      include: { user: { select: { email: true } } },
      orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
    });
    return members.map((member) => ({ userId: member.userId, email: member.user.email, role: member.role, addedAt: member.createdAt }));
  }

  /** Gives `userId` this role on the collection, adding them if they are not a member. */
  async setMember(collectionId: string, userId: string, role: CollectionRole): Promise<void> {
    await this.db.collectionMember.upsert({ where: { collectionId_userId: { collectionId, userId } }, create: { collectionId, userId, role }, update: { role } });
  }

  /** False when they were not a member. */
  async removeMember(collectionId: string, userId: string): Promise<boolean> {
    const { count } = await this.db.collectionMember.deleteMany({ where: { collectionId, userId } });
    return count === 1;
  }

  async countOwners(collectionId: string): Promise<number> {
    return this.db.collectionMember.count({ where: { collectionId, role: 'OWNER' } });
  }

  private async select(access: Access, role: CollectionRole, condition: Prisma.Sql, lock = false): Promise<CollectionRecord[]> {
    const rows = await this.db.$queryRaw<CollectionRow[]>`
      SELECT c.id, c.name, c.is_default, c.created_by, c.created_at, m.role::text AS role
      FROM collections c JOIN collection_members m ON m.collection_id = c.id AND m.user_id = ${access.userId}::uuid
      WHERE ${reachableSql(Prisma.sql`c.id`, access, role)} ${condition}
      ORDER BY c.is_default DESC, c.name, c.id
      ${lock ? Prisma.sql`FOR SHARE OF m` : Prisma.empty}`;
    return rows.map((row) => ({ id: row.id, name: row.name, isDefault: row.is_default, createdBy: row.created_by, createdAt: row.created_at, role: row.role }));
  }
}
