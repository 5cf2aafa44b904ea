import type { Role } from '@docent/persistence';
import { SignJWT, errors, jwtVerify } from 'jose';
import { DocentError } from '@docent/common';
import type { AuthConfig } from '../auth-config';

export interface AccessTokenClaims {
  userId: string;
  role: Role;
  /** The login it belongs to (its refresh token family): logging out ends it at once. */
  sessionId: string;
}

export interface VerifiedAccessToken extends AccessTokenClaims {
  /** When it expires, in ms since the epoch. */
  expiresAt: number;
}

/** Short-lived signed access tokens (JWT, HS256): issuer, audience and expiry always checked. */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(private readonly config: Pick<AuthConfig, 'tokenSecret' | 'issuer' | 'audience' | 'accessTokenTtlSeconds'>) {
    if (config.tokenSecret.length < 32) throw new Error('The access token secret must be at least 32 characters');
    this.key = new TextEncoder().encode(config.tokenSecret);
  }

  sign(claims: AccessTokenClaims, now = new Date()): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({ role: claims.role, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(this.config.issuer)
      .setAudience(this.config.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.config.accessTokenTtlSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<VerifiedAccessToken> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: this.config.issuer, audience: this.config.audience, algorithms: ['HS256'] });
      const sessionId = payload['sid'];
      if (typeof payload.sub !== 'string' || (payload['role'] !== 'USER' && payload['role'] !== 'ADMIN') || typeof sessionId !== 'string') throw new Error('missing claims');
      return { userId: payload.sub, role: payload['role'], sessionId, expiresAt: (payload.exp ?? 0) * 1000 };
    } catch (error) {
      const reason = error instanceof errors.JWTExpired ? 'Access token expired' : 'Invalid access token';
      throw new DocentError('UNAUTHENTICATED', reason);
    }
  }
}
