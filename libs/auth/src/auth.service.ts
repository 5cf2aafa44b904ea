import { randomUUID } from 'node:crypto';
import { type Database, type Role, type UserRecord, UniqueViolationError, isUuid } from '@docent/persistence';
import type { AuthConfig } from './auth-config';
import { DocentError, type Page, checkPageSize, pageFromRows } from '@docent/common';
import { AccessTokens } from './credentials/access-tokens';
import { normalizeEmail } from './credentials/email';
import { MAX_PASSWORD_LENGTH, assertAcceptablePassword, decoyPasswordHash, hashPassword, verifyPassword } from './credentials/passwords';
import { randomSecret, sha256 } from './credentials/secrets';
import { AuthRateLimits } from './rate-limits';
import { type SignedInViewer, type Viewer, permits } from './viewer';
import type { ViewerCache } from './viewer-cache';

export interface Session {
  user: UserRecord;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

type AuthRepositories = Pick<Database, 'users' | 'refreshTokens' | 'transaction'>;

/** Accounts and sessions: register, login, refresh, logout, and the admin's user management. */
export class AuthService {
  readonly accessTokens: AccessTokens;
  private readonly rateLimits: AuthRateLimits;

  constructor(
    private readonly db: AuthRepositories,
    private readonly config: AuthConfig,
    /** The request authenticator's cache: logouts and role changes made here reach it at once. */
    private readonly viewers?: ViewerCache,
  ) {
    this.accessTokens = new AccessTokens(config);
    this.rateLimits = new AuthRateLimits(config.rateLimits);
  }

  async register(input: { email: string; password: string }, clientIp: string): Promise<Session> {
    const email = normalizeEmail(input.email);
    await this.rateLimits.consume(clientIp, email);
    assertAcceptablePassword(input.password, email);
    try {
      const user = await this.db.users.create({ email, passwordHash: await hashPassword(input.password) });
      return await this.startSession(user);
    } catch (error) {
      if (error instanceof UniqueViolationError) throw new DocentError('BAD_USER_INPUT', 'An account with this email already exists', { field: 'email' });
      throw error;
    }
  }

  /** Says the same thing whether the email is unknown or the password wrong, and takes as long. */
  async login(input: { email: string; password: string }, clientIp: string): Promise<Session> {
    const email = normalizeEmailOrUnknown(input.email);
    await this.rateLimits.consume(clientIp, email);
    // No password this long was ever accepted: refuse it without spending a hash on it.
    if (input.password.length > MAX_PASSWORD_LENGTH) throw new DocentError('UNAUTHENTICATED', 'Invalid email or password');
    const user = await this.db.users.findByEmailWithPasswordHash(email);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
    if (!user || !valid) throw new DocentError('UNAUTHENTICATED', 'Invalid email or password');
    return this.startSession({ id: user.id, email: user.email, role: user.role, createdAt: user.createdAt });
  }

  /**
   * Trades a refresh token for a new session. Each token works once; presenting a used one
   * means it was stolen or replayed, and revokes every token of its login.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const stored = await this.db.refreshTokens.findByHash(sha256(refreshToken));
    if (!stored) throw new DocentError('UNAUTHENTICATED', 'Invalid refresh token');
    if (stored.revokedAt) {
      await this.db.refreshTokens.revokeFamily(stored.familyId);
      this.viewers?.forgetUser(stored.userId);
      throw new DocentError('UNAUTHENTICATED', 'Refresh token was already used; sign in again');
    }
    if (stored.expiresAt.getTime() <= Date.now()) throw new DocentError('UNAUTHENTICATED', 'Refresh token expired; sign in again');
    const user = await this.db.users.findById(stored.userId);
    if (!user) throw new DocentError('UNAUTHENTICATED', 'Invalid refresh token');

    return this.db.transaction(async (tx) => {
      const next = await this.issueRefreshToken(tx, user.id, stored.familyId);
      if (!(await tx.refreshTokens.markRotated(stored.id, next.id))) {
        // Lost a race with another use of the same token: that is reuse too.
        await tx.refreshTokens.revokeFamily(stored.familyId);
        this.viewers?.forgetUser(stored.userId);
        throw new DocentError('UNAUTHENTICATED', 'Refresh token was already used; sign in again');
      }
      return this.sessionWith(user, next);
    });
  }

  /** Revokes the login the refresh token belongs to. Unknown tokens are ignored: logging out twice is fine. */
  async logout(refreshToken: string): Promise<void> {
    const stored = await this.db.refreshTokens.findByHash(sha256(refreshToken));
    if (!stored) return;
    await this.db.refreshTokens.revokeFamily(stored.familyId);
    this.viewers?.forgetUser(stored.userId);
  }

  async me(viewer: SignedInViewer): Promise<UserRecord> {
    const user = await this.db.users.findById(viewer.id);
    if (!user) throw new DocentError('UNAUTHENTICATED', 'This account no longer exists');
    return user;
  }

  /** Accounts in id order; a page's cursor is its last user's id. */
  async listUsers(viewer: Viewer, page: { first: number; after?: string | null }): Promise<Page<UserRecord>> {
    assertAdmin(viewer);
    const first = checkPageSize(page.first);
    if (page.after !== undefined && page.after !== null && !isUuid(page.after)) throw new DocentError('BAD_USER_INPUT', 'Invalid cursor: pass the endCursor of the previous page', { field: 'after' });
    const rows = await this.db.users.list({ first: first + 1, after: page.after ?? undefined });
    return pageFromRows(rows, first, (user) => user.id);
  }

  async setUserRole(viewer: Viewer, userId: string, role: Role): Promise<UserRecord> {
    assertAdmin(viewer);
    if (!isUuid(userId)) throw new DocentError('BAD_USER_INPUT', 'Not a user id', { field: 'userId' });
    // Another admin must do it: an admin demoting itself could leave nobody to manage accounts.
    if (userId === viewer.id && role !== 'ADMIN') throw new DocentError('FORBIDDEN', 'Admins cannot change their own role; ask another admin');
    const user = await this.db.users.setRole(userId, role);
    if (!user) throw new DocentError('NOT_FOUND', 'No such user');
    this.viewers?.forgetUser(userId);
    return user;
  }

  /** Makes sure the configured first admin exists and is an admin; leaves an existing password alone. */
  async ensureAdmin(input: { email: string; password: string }): Promise<UserRecord> {
    const email = normalizeEmail(input.email);
    const existing = await this.db.users.findByEmailWithPasswordHash(email);
    if (existing) return (await this.db.users.setRole(existing.id, 'ADMIN')) as UserRecord;
    assertAcceptablePassword(input.password, email);
    return this.db.users.create({ email, passwordHash: await hashPassword(input.password), role: 'ADMIN' });
  }

  private async startSession(user: UserRecord): Promise<Session> {
    const refresh = await this.db.transaction((tx) => this.issueRefreshToken(tx, user.id, randomUUID()));
    return this.sessionWith(user, refresh);
  }

  private async issueRefreshToken(tx: Pick<Database, 'refreshTokens'>, userId: string, familyId: string) {
    const token = randomSecret();
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
    const record = await tx.refreshTokens.create({ userId, familyId, tokenHash: sha256(token), expiresAt });
    return { id: record.id, token, expiresAt, familyId };
  }

  private async sessionWith(user: UserRecord, refresh: { token: string; expiresAt: Date; familyId: string }): Promise<Session> {
    const now = new Date();
    return {
      user,
      accessToken: await this.accessTokens.sign({ userId: user.id, role: user.role, sessionId: refresh.familyId }, now),
      accessTokenExpiresAt: new Date(now.getTime() + this.config.accessTokenTtlSeconds * 1000),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
    };
  }
}

export function assertSignedIn(viewer: Viewer): asserts viewer is SignedInViewer {
  if (viewer.kind === 'anonymous') throw new DocentError('UNAUTHENTICATED', 'Sign in first');
}

export function assertAdmin(viewer: Viewer): asserts viewer is SignedInViewer {
  assertSignedIn(viewer);
  if (!permits(viewer, 'ADMIN')) throw new DocentError('FORBIDDEN', 'Only admins signed in with a password may do this');
}

/** The account's own credentials and keys: a password sign-in only, never an API key. */
export function assertAccountHolder(viewer: Viewer): asserts viewer is SignedInViewer {
  assertSignedIn(viewer);
  if (!permits(viewer, 'ACCOUNT')) throw new DocentError('FORBIDDEN', 'Sign in with a password: API keys cannot manage API keys');
}

/** For login, a malformed email is just another unknown account. */
function normalizeEmailOrUnknown(email: string): string {
  try {
    return normalizeEmail(email);
  } catch {
    return email.trim().toLowerCase().slice(0, 254);
  }
}
