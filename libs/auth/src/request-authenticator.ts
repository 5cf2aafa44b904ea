import { type Database, isUuid } from '@docent/persistence';
import type { AccessTokens } from './credentials/access-tokens';
import { DocentError } from '@docent/common';
import { API_KEY_PREFIX } from './api-key.service';
import { sha256 } from './credentials/secrets';
import { ANONYMOUS, type SignedInViewer, type Viewer, toPermissions } from './viewer';
import { ViewerCache } from './viewer-cache';

/**
 * The one place a request's credentials become a viewer. No Authorization header: anonymous.
 * A header that is present but wrong is an error, never silently anonymous. A credential seen
 * within the viewer cache's period is answered from it (see ViewerCache for when changes apply).
 */
export class RequestAuthenticator {
  constructor(
    private readonly db: Pick<Database, 'users' | 'apiKeys' | 'refreshTokens'>,
    private readonly accessTokens: AccessTokens,
    /** Share it with the auth services, so their changes reach it at once; none keeps nothing. */
    private readonly viewers: ViewerCache = new ViewerCache(0),
  ) {}

  async authenticate(authorization: string | undefined): Promise<Viewer> {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new DocentError('UNAUTHENTICATED', 'Authorization must be "Bearer <access token or API key>"');
    const credential = match[1] as string;
    const key = sha256(credential);
    const cached = this.viewers.get(key);
    if (cached) return cached;

    if (credential.startsWith(API_KEY_PREFIX)) {
      // Its use is recorded when it is read: at most once per cache period.
      const owner = await this.db.apiKeys.useActiveKey(key);
      if (!owner) throw new DocentError('UNAUTHENTICATED', 'Invalid or revoked API key');
      const viewer: SignedInViewer = {
        kind: 'user',
        id: owner.ownerId,
        role: owner.role,
        credential: 'api-key',
        permissions: toPermissions(owner.permissions),
        ...(owner.collections === null ? {} : { collections: owner.collections }),
      };
      this.viewers.set(key, viewer);
      return viewer;
    }
    const claims = await this.accessTokens.verify(credential);
    // The role and the login come from the database, not the token: a demotion, a logout or a
    // revoked login (a refresh token replayed) takes effect at once.
    const [user, sessionActive] = await Promise.all([this.db.users.findById(claims.userId), isUuid(claims.sessionId) && this.db.refreshTokens.isFamilyActive(claims.sessionId)]);
    if (!user) throw new DocentError('UNAUTHENTICATED', 'This account no longer exists');
    if (!sessionActive) throw new DocentError('UNAUTHENTICATED', 'This sign-in has ended (logged out or revoked); sign in again');
    const viewer: SignedInViewer = { kind: 'user', id: user.id, role: user.role, credential: 'access-token' };
    this.viewers.set(key, viewer, claims.expiresAt);
    return viewer;
  }
}
