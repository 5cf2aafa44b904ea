import type { ApiKey } from '../generated/prisma/client';
import type { ApiKeyOwner, ApiKeyRecord, NewApiKey, Role } from '../types';
import { type Executor, rethrowUniqueViolation } from './executor';

export class ApiKeyRepository {
  constructor(private readonly db: Executor) {}

  async create(key: NewApiKey): Promise<ApiKeyRecord> {
    try {
      return toRecord(await this.db.apiKey.create({ data: key }));
    } catch (error) {
      rethrowUniqueViolation(error, ['keyHash']);
    }
  }

  async listByOwner(ownerId: string): Promise<ApiKeyRecord[]> {
    return (await this.db.apiKey.findMany({ where: { ownerId }, orderBy: { createdAt: 'asc' } })).map(toRecord);
  }

  /** Owner-scoped: another user's key id reads as not found (false). */
  async revoke(ownerId: string, id: string): Promise<boolean> {
    const { count } = await this.db.apiKey.updateMany({ where: { id, ownerId, revokedAt: null }, data: { revokedAt: new Date() } });
    return count === 1;
  }

  /** The owner of an unrevoked key, recording its use: one statement, as it runs on every request. */
  async useActiveKey(keyHash: string): Promise<ApiKeyOwner | null> {
    const rows = await this.db.$queryRaw<{ id: string; owner_id: string; role: Role; permissions: string[] }[]>`
      UPDATE api_keys AS k SET last_used_at = now()
      FROM users AS u
      WHERE k.key_hash = ${keyHash} AND k.revoked_at IS NULL AND u.id = k.owner_id
      RETURNING k.id, k.owner_id, u.role::text AS role, k.permissions`;
    const row = rows[0];
    return row ? { keyId: row.id, ownerId: row.owner_id, role: row.role, permissions: row.permissions } : null;
  }
}

function toRecord(key: ApiKey): ApiKeyRecord {
  return {
    id: key.id,
    ownerId: key.ownerId,
    name: key.name,
    prefix: key.prefix,
    permissions: key.permissions,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}
