import type { ApiKey } from '../generated/prisma/client';
import type { ApiKeyOwner, ApiKeyRecord, NewApiKey } from '../types';
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

  /** The owner of an unrevoked key, and records its use. */
  async useActiveKey(keyHash: string): Promise<ApiKeyOwner | null> {
    const key = await this.db.apiKey.findFirst({ where: { keyHash, revokedAt: null }, include: { owner: { select: { role: true } } } });
    if (!key) return null;
    await this.db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
    return { keyId: key.id, ownerId: key.ownerId, role: key.owner.role, scopes: key.scopes };
  }
}

function toRecord(key: ApiKey): ApiKeyRecord {
  return {
    id: key.id,
    ownerId: key.ownerId,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}
