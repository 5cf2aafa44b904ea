import type { RefreshToken } from '../generated/prisma/client';
import type { NewRefreshToken, RefreshTokenRecord } from '../types';
import type { Executor } from './executor';

export class RefreshTokenRepository {
  constructor(private readonly db: Executor) {}

  async create(token: NewRefreshToken): Promise<RefreshTokenRecord> {
    return toRecord(await this.db.refreshToken.create({ data: token }));
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const token = await this.db.refreshToken.findUnique({ where: { tokenHash } });
    return token && toRecord(token);
  }

  /**
   * Marks a token used, in one conditional UPDATE: of two requests racing with the same token,
   * exactly one gets `true`.
   */
  async markRotated(id: string, replacedBy: string): Promise<boolean> {
    const { count } = await this.db.refreshToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date(), replacedBy } });
    return count === 1;
  }

  /** Whether a login is still on: some refresh token of its family is neither used, revoked nor expired. */
  async isFamilyActive(familyId: string): Promise<boolean> {
    const token = await this.db.refreshToken.findFirst({ where: { familyId, revokedAt: null, expiresAt: { gt: new Date() } }, select: { id: true } });
    return token !== null;
  }

  async revokeFamily(familyId: string): Promise<number> {
    const { count } = await this.db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } });
    return count;
  }
}

function toRecord(token: RefreshToken): RefreshTokenRecord {
  return { id: token.id, userId: token.userId, familyId: token.familyId, expiresAt: token.expiresAt, revokedAt: token.revokedAt };
}
