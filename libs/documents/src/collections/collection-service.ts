import { type Access, type CollectionMemberRecord, type CollectionRecord, type CollectionRole, type Database, UniqueViolationError, isUuid } from '@docent/persistence';
import { DocentError } from '@docent/common';

/** The most collections one call may name (a search, a document list, an API key). */
export const MAX_NAMED_COLLECTIONS = 100;

/**
 * Collections and who may use them. Rights themselves are decided in SQL (see
 * `@docent/persistence`'s access rule); this service turns "not reached" into the right error:
 * NOT_FOUND for a collection the caller cannot see, FORBIDDEN for one they see with too small a
 * role.
 */
export class CollectionService {
  constructor(private readonly db: Pick<Database, 'transaction' | 'collections' | 'users'>) {}

  list(access: Access): Promise<CollectionRecord[]> {
    return this.db.collections.list(access);
  }

  async get(access: Access, id: string): Promise<CollectionRecord> {
    const collection = isUuid(id) ? await this.db.collections.find(access, id) : null;
    if (!collection) throw notFound(id);
    return collection;
  }

  /**
   * `access` narrowed to the collections a request names, once it is checked that it reads every
   * one of them (NOT_FOUND for the first it does not); unchanged when the request names none.
   */
  async narrow(access: Access, ids: readonly string[] | null | undefined): Promise<Access> {
    return ids === null || ids === undefined ? access : { userId: access.userId, collections: await this.readable(access, ids) };
  }

  /** Checks that `access` reads every one of `ids` (NOT_FOUND for the first it does not); returns them without repeats. */
  async readable(access: Access, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length > MAX_NAMED_COLLECTIONS) throw new DocentError('BAD_USER_INPUT', `Name at most ${MAX_NAMED_COLLECTIONS} collections`, { field: 'collections' });
    const bad = unique.find((id) => !isUuid(id));
    if (bad !== undefined) throw new DocentError('BAD_USER_INPUT', `Not a collection id: ${JSON.stringify(bad.slice(0, 100))}`, { field: 'collections' });
    if (unique.length === 0) return [];
    const reached = new Set((await this.db.collections.list({ ...access, collections: within(access, unique) })).map((collection) => collection.id));
    const missing = unique.find((id) => !reached.has(id));
    if (missing !== undefined) throw notFound(missing);
    return unique;
  }

  /** An API key held to some collections cannot make new ones: it could never reach them. */
  async create(access: Access, name: string): Promise<CollectionRecord> {
    if (access.collections !== undefined) throw new DocentError('FORBIDDEN', 'This API key is held to some collections and cannot create others');
    try {
      return await this.db.collections.create(access.userId, checkName(name));
    } catch (error) {
      throw duplicateName(error, name);
    }
  }

  async rename(access: Access, id: string, name: string): Promise<CollectionRecord> {
    const trimmed = checkName(name);
    await this.requireRole(access, id, 'OWNER');
    try {
      if (!(await this.db.collections.rename(access, id, trimmed))) throw notFound(id);
    } catch (error) {
      throw duplicateName(error, name);
    }
    return this.get(access, id);
  }

  /** Deletes the collection with its documents and their chunks, in one statement. */
  async delete(access: Access, id: string): Promise<void> {
    const collection = await this.requireRole(access, id, 'OWNER');
    if (collection.isDefault) throw new DocentError('PRECONDITION_FAILED', 'A default collection cannot be deleted; delete its documents instead', { id });
    if (!(await this.db.collections.delete(access, id))) throw notFound(id);
  }

  async members(access: Access, id: string): Promise<CollectionMemberRecord[]> {
    await this.requireRole(access, id, 'OWNER');
    return this.db.collections.members(id);
  }

  /** Adds a user (by email) with a role, or changes their role. A collection always keeps an OWNER. */
  async setMember(access: Access, id: string, email: string, role: CollectionRole): Promise<CollectionMemberRecord[]> {
    return this.db.transaction(async (tx) => {
      await requireRoleIn(tx, access, id, 'OWNER', true);
      // Normalized as accounts store their email.
      const user = await tx.users.findByEmail(email.normalize('NFKC').trim().toLowerCase());
      if (!user) throw new DocentError('NOT_FOUND', 'No user with this email', { field: 'email' });
      await tx.collections.setMember(id, user.id, role);
      await keepAnOwner(tx, id);
      return tx.collections.members(id);
    });
  }

  /** Removes a member: an OWNER may remove anyone, any member themself. A collection always keeps an OWNER. */
  async removeMember(access: Access, id: string, userId: string): Promise<CollectionMemberRecord[]> {
    return this.db.transaction(async (tx) => {
      await requireRoleIn(tx, access, id, userId === access.userId ? 'VIEWER' : 'OWNER', true);
      if (!isUuid(userId) || !(await tx.collections.removeMember(id, userId))) throw new DocentError('NOT_FOUND', 'No such member', { field: 'userId' });
      await keepAnOwner(tx, id);
      return tx.collections.members(id);
    });
  }

  private requireRole(access: Access, id: string, role: CollectionRole): Promise<CollectionRecord> {
    return requireRoleIn(this.db, access, id, role, false);
  }
}

/**
 * The collection if `access` has `role` on it; otherwise NOT_FOUND if it cannot even read it,
 * FORBIDDEN if it can. With `lock`, inside a transaction, the right holds until it ends.
 */
export async function requireRoleIn(db: Pick<Database, 'collections'>, access: Access, id: string, role: CollectionRole, lock: boolean): Promise<CollectionRecord> {
  if (!isUuid(id)) throw notFound(id);
  const collection = lock ? await db.collections.findForWrite(access, id, role) : await db.collections.find(access, id, role);
  if (collection) return collection;
  const seen = await db.collections.find(access, id);
  if (!seen) throw notFound(id);
  throw new DocentError('FORBIDDEN', `You are ${article(seen.role)} of this collection; this needs ${article(role)}`, { id, role: seen.role, required: role });
}

async function keepAnOwner(tx: Pick<Database, 'collections'>, id: string): Promise<void> {
  // Thrown inside the transaction, so the change that left no OWNER rolls back.
  if ((await tx.collections.countOwners(id)) === 0) throw new DocentError('PRECONDITION_FAILED', 'A collection needs at least one OWNER; make someone else OWNER first', { id });
}

/** `ids` within what `access` is already narrowed to (an API key's collections). */
function within(access: Access, ids: readonly string[]): string[] {
  return access.collections === undefined ? [...ids] : ids.filter((id) => access.collections?.includes(id));
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) throw new DocentError('BAD_USER_INPUT', 'A collection needs a name of 1-100 characters', { field: 'name' });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed) || !trimmed.isWellFormed()) throw new DocentError('BAD_USER_INPUT', 'A collection name must be valid Unicode without control characters', { field: 'name' });
  return trimmed;
}

function duplicateName(error: unknown, name: string): unknown {
  return error instanceof UniqueViolationError ? new DocentError('BAD_USER_INPUT', `You already have a collection named ${JSON.stringify(name.trim())}`, { field: 'name' }) : error;
}

function article(role: CollectionRole): string {
  return `${role === 'OWNER' || role === 'EDITOR' ? 'an' : 'a'} ${role}`;
}

function notFound(id: string): DocentError {
  return new DocentError('NOT_FOUND', `No collection with id ${JSON.stringify(id.slice(0, 100))}`, { id: id.slice(0, 100) });
}
