import { type Database, isUuid } from '@docent/persistence';
import type { AccessTokens } from './credentials/access-tokens';
import { DocentError } from '@docent/common';
import { API_KEY_PREFIX } from './api-key.service';
import { sha256 } from './credentials/secrets';
import { ANONYMOUS, type Viewer, toPermissions } from './viewer';

/**
 * The one place a request's credentials become a viewer. No Authorization header: anonymous.
 * A header that is present but wrong is an error, never silently anonymous.
 */
export class RequestAuthenticator {
  constructor(
    private readonly db: Pick<Database, 'users' | 'apiKeys' | 'refreshTokens'>,
    private readonly accessTokens: AccessTokens,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Viewer> {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new DocentError('UNAUTHENTICATED', 'Authorization must be "Bearer <access token or API key>"');
    const credential = match[1] as string;

    if (credential.startsWith(API_KEY_PREFIX)) {
      const owner = await this.db.apiKeys.useActiveKey(sha256(credential));
      if (!owner) throw new DocentError('UNAUTHENTICATED', 'Invalid or revoked API key');
      return { kind: 'user', id: owner.ownerId, role: owner.role, credential: 'api-key', permissions: toPermissions(owner.permissions) };
    }
    const claims = await this.accessTokens.verify(credential);
    // The role and the login come from the database, not the token: a demotion, a logout or a
    // revoked login (a refresh token replayed) takes effect at once.
    const [user, sessionActive] = await Promise.all([this.db.users.findById(claims.userId), isUuid(claims.sessionId) && this.db.refreshTokens.isFamilyActive(claims.sessionId)]);
    if (!user) throw new DocentError('UNAUTHENTICATED', 'This account no longer exists');
    if (!sessionActive) throw new DocentError('UNAUTHENTICATED', 'This sign-in has ended (logged out or revoked); sign in again');
    return { kind: 'user', id: user.id, role: user.role, credential: 'access-token' };
  }
}
