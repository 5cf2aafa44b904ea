import type { ApiKey } from '../generated/prisma/client';

type KeyRow = Omit<ApiKey, 'keyHash' | 'collections'> & { collections: string[] | null };
import type { ApiKeyOwner, ApiKeyRecord, NewApiKey, Role } from '../types';
import { type Executor, rethrowUniqueViolation } from './executor';

export class ApiKeyRepository {
  constructor(private readonly db: Executor) {}

  async create(key: NewApiKey): Promise<ApiKeyRecord> {
    try {
      const { collections = null, ...rest } = key;
      // Left out, the column stays NULL: every collection of the owner.
      const created = await this.db.apiKey.create({ data: { ...rest, ...(collections ? { collections } : {}) } });
      return toRecord({ ...created, collections });
    } catch (error) {
      rethrowUniqueViolation(error, ['keyHash']);
    }
  }

  async listByOwner(ownerId: string): Promise<ApiKeyRecord[]> {
    // Raw, because Prisma reads a NULL list (not limited to collections) as an empty one (limited to none).
    const rows = await this.db.$queryRaw<KeyRow[]>`
      SELECT id, owner_id AS "ownerId", name, prefix, permissions, collections::text[] AS collections,
             created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
      FROM api_keys WHERE owner_id = ${ownerId}::uuid ORDER BY created_at, id`;
    return rows.map(toRecord);
  }

  /** Owner-scoped: another user's key id reads as not found (false). */
  async revoke(ownerId: string, id: string): Promise<boolean> {
    const { count } = await this.db.apiKey.updateMany({ where: { id, ownerId, revokedAt: null }, data: { revokedAt: new Date() } });
    return count === 1;
  }

  /** The owner of an unrevoked key, recording its use: one statement, as it runs on every request. */
  async useActiveKey(keyHash: string): Promise<ApiKeyOwner | null> {
    const rows = await this.db.$queryRaw<{ id: string; owner_id: string; role: Role; permissions: string[]; collections: string[] | null }[]>`
      UPDATE api_keys AS k SET last_used_at = now()
      FROM users AS u
      WHERE k.key_hash = ${keyHash} AND k.revoked_at IS NULL AND u.id = k.owner_id
      RETURNING k.id, k.owner_id, u.role::text AS role, k.permissions, k.collections::text[] AS collections`;
    const row = rows[0];
    return row ? { keyId: row.id, ownerId: row.owner_id, role: row.role, permissions: row.permissions, collections: row.collections } : null;
  }
}

function toRecord(key: KeyRow): ApiKeyRecord {
  return {
    id: key.id,
    ownerId: key.ownerId,
    name: key.name,
    prefix: key.prefix,
    permissions: key.permissions,
    collections: key.collections,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}
