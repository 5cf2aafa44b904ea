import type { Database, UserRecord } from '@docent/persistence';
import { DEFAULT_AUTH_CONFIG } from './auth-config';
import { AccessTokens } from './credentials/access-tokens';
import { sha256 } from './credentials/secrets';
import { RequestAuthenticator } from './request-authenticator';
import { ViewerCache } from './viewer-cache';

const ALICE: UserRecord = { id: '0b4f6a1e-3c52-4f53-9d55-6a4f3f0f2b11', email: 'alice@example.org', role: 'USER', createdAt: new Date(0) };
const KEY = 'dcnt_a-key-of-alice';

/** The two lookups the authenticator makes, over one user and one active API key. */
const SESSION = '6f0c2d0e-9f1b-4c55-8a7e-2b1e3f4a5b6c';
const ENDED_SESSION = '7a1d3e1f-0a2c-4d66-9b8f-3c2f4a5b6c7d';

function repositories(users: UserRecord[]): Pick<Database, 'users' | 'apiKeys' | 'refreshTokens'> {
  return {
    users: { findById: async (id: string) => users.find((user) => user.id === id) ?? null },
    apiKeys: { useActiveKey: async (hash: string) => (hash === sha256(KEY) ? { ownerId: ALICE.id, role: ALICE.role, permissions: ['search', 'read'] } : null) },
    refreshTokens: { isFamilyActive: async (familyId: string) => familyId === SESSION },
  } as unknown as Pick<Database, 'users' | 'apiKeys' | 'refreshTokens'>;
}

describe('RequestAuthenticator', () => {
  const tokens = new AccessTokens(DEFAULT_AUTH_CONFIG);

  it('makes no header anonymous, and a valid access token or API key its user, with the role read fresh', async () => {
    const promoted = { ...ALICE, role: 'ADMIN' as const };
    const authenticator = new RequestAuthenticator(repositories([promoted]), tokens);
    const token = await tokens.sign({ userId: ALICE.id, role: 'USER', sessionId: SESSION });

    await expect(authenticator.authenticate(undefined)).resolves.toEqual({ kind: 'anonymous' });
    await expect(authenticator.authenticate('  ')).resolves.toEqual({ kind: 'anonymous' });
    await expect(authenticator.authenticate(`Bearer ${token}`)).resolves.toMatchObject({ kind: 'user', id: ALICE.id, role: 'ADMIN', credential: 'access-token' });
    await expect(authenticator.authenticate(`bearer ${KEY}`)).resolves.toMatchObject({ kind: 'user', id: ALICE.id, credential: 'api-key' });
  });

  it.each([
    ['a header that is not Bearer', 'Basic YWxpY2U6c2VjcmV0'],
    ['a revoked or unknown API key', 'Bearer dcnt_not-a-key'],
    ['a tampered token', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
  ])('refuses %s as UNAUTHENTICATED, never as anonymous', async (_, header) => {
    await expect(new RequestAuthenticator(repositories([ALICE]), tokens).authenticate(header)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses the valid token of a login that has ended (logged out, or revoked after a replayed refresh token)', async () => {
    const token = await tokens.sign({ userId: ALICE.id, role: 'USER', sessionId: ENDED_SESSION });

    await expect(new RequestAuthenticator(repositories([ALICE]), tokens).authenticate(`Bearer ${token}`)).rejects.toThrow('This sign-in has ended');
  });

  it('refuses the valid token of a deleted account', async () => {
    const token = await tokens.sign({ userId: ALICE.id, role: 'USER', sessionId: SESSION });

    await expect(new RequestAuthenticator(repositories([]), tokens).authenticate(`Bearer ${token}`)).rejects.toThrow('This account no longer exists');
  });

  describe('with a viewer cache', () => {
    /** The repositories, counting their reads; `users` can be changed under them. */
    function counted(users: UserRecord[]) {
      const reads = { count: 0 };
      const base = repositories(users);
      const db = {
        users: { findById: async (id: string) => (reads.count++, base.users.findById(id)) },
        apiKeys: { useActiveKey: async (hash: string) => (reads.count++, base.apiKeys.useActiveKey(hash)) },
        refreshTokens: { isFamilyActive: async (id: string) => base.refreshTokens.isFamilyActive(id) },
      } as unknown as Pick<Database, 'users' | 'apiKeys' | 'refreshTokens'>;
      return { db, reads };
    }

    it('answers a credential seen within its period without reading the database, and reads again after it', async () => {
      jest.useFakeTimers({ now: Date.now() });
      try {
        const users = [{ ...ALICE }];
        const { db, reads } = counted(users);
        const authenticator = new RequestAuthenticator(db, tokens, new ViewerCache(1_000));
        const token = await tokens.sign({ userId: ALICE.id, role: 'USER', sessionId: SESSION });

        for (let i = 0; i < 3; i++) await authenticator.authenticate(`Bearer ${token}`);
        for (let i = 0; i < 3; i++) await authenticator.authenticate(`Bearer ${KEY}`);
        expect(reads.count).toBe(2);

        users[0] = { ...ALICE, role: 'ADMIN' };
        jest.advanceTimersByTime(1_000);
        await expect(authenticator.authenticate(`Bearer ${token}`)).resolves.toMatchObject({ role: 'ADMIN' });
        expect(reads.count).toBe(3);
      } finally {
        jest.useRealTimers();
      }
    });

    it('forgets a user at once when told (a logout, a revoked key, a new role made by this process)', async () => {
      const users = [{ ...ALICE }];
      const { db, reads } = counted(users);
      const viewers = new ViewerCache(60_000);
      const authenticator = new RequestAuthenticator(db, tokens, viewers);
      const token = await tokens.sign({ userId: ALICE.id, role: 'USER', sessionId: SESSION });
      await authenticator.authenticate(`Bearer ${token}`);

      users[0] = { ...ALICE, role: 'ADMIN' };
      viewers.forgetUser(ALICE.id);

      await expect(authenticator.authenticate(`Bearer ${token}`)).resolves.toMatchObject({ role: 'ADMIN' });
      expect(reads.count).toBe(2);
    });

    it('never keeps a viewer past its access token’s expiry', async () => {
      jest.useFakeTimers({ now: Math.floor(Date.now() / 1000) * 1000 });
      try {
        const short = new AccessTokens({ ...DEFAULT_AUTH_CONFIG, accessTokenTtlSeconds: 30 });
        const authenticator = new RequestAuthenticator(repositories([ALICE]), short, new ViewerCache(60_000));
        const token = await short.sign({ userId: ALICE.id, role: 'USER', sessionId: SESSION });
        await authenticator.authenticate(`Bearer ${token}`);

        jest.advanceTimersByTime(29_000);
        await expect(authenticator.authenticate(`Bearer ${token}`)).resolves.toMatchObject({ id: ALICE.id });
        jest.advanceTimersByTime(1_500);
        await expect(authenticator.authenticate(`Bearer ${token}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      } finally {
        jest.useRealTimers();
      }
    });
  });
});
