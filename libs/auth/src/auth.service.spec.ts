import type { Database, UserRecord } from '@docent/persistence';
import { DEFAULT_AUTH_CONFIG } from './auth-config';
import { AuthService } from './auth.service';
import type { Viewer } from './viewer';

const ADMIN: Viewer = { kind: 'user', id: '00000000-0000-4000-8000-000000000000', role: 'ADMIN', credential: 'access-token' };
const USER: Viewer = { ...ADMIN, role: 'USER' };

/** Users in id order, as the repository lists them; `list` records what it was asked. */
function usersRepository(count: number) {
  const users: UserRecord[] = Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    email: `user${i}@example.org`,
    role: 'USER',
    createdAt: new Date(0),
  }));
  const asked: { first: number; after?: string }[] = [];
  const repository = {
    list: async (page: { first: number; after?: string }) => {
      asked.push(page);
      return users.filter((user) => page.after === undefined || user.id > page.after).slice(0, page.first);
    },
    setRole: async (id: string, role: UserRecord['role']) => {
      const user = users.find((candidate) => candidate.id === id);
      if (user) user.role = role;
      return user ? { ...user } : null;
    },
    findByEmailWithPasswordHash: async (email: string) => {
      asked.push({ first: 0, after: email });
      return null;
    },
  };
  return { users, asked, db: { users: repository } as unknown as Pick<Database, 'users' | 'refreshTokens' | 'transaction'> };
}

describe('AuthService user management', () => {
  it('pages users to the end: each page at most `first`, the cursor its last id, hasNextPage from one extra row', async () => {
    const { users, db } = usersRepository(5);
    const service = new AuthService(db, DEFAULT_AUTH_CONFIG);

    const first = await service.listUsers(ADMIN, { first: 2, after: null });
    const last = await service.listUsers(ADMIN, { first: 3, after: first.pageInfo.endCursor });

    expect(first).toEqual({ nodes: users.slice(0, 2), pageInfo: { hasNextPage: true, endCursor: users[1]!.id } });
    expect(last).toEqual({ nodes: users.slice(2), pageInfo: { hasNextPage: false, endCursor: users[4]!.id } });
  });

  it.each([
    ['a user', USER, { first: 10 }, 'FORBIDDEN'],
    ['first: 0', ADMIN, { first: 0 }, 'BAD_USER_INPUT'],
    ['first: 101', ADMIN, { first: 101 }, 'BAD_USER_INPUT'],
    ['a cursor that is not an id', ADMIN, { first: 10, after: "1' OR '1'='1" }, 'BAD_USER_INPUT'],
  ])('refuses %s before reaching the database', async (_, viewer, page, code) => {
    const { asked, db } = usersRepository(3);

    await expect(new AuthService(db, DEFAULT_AUTH_CONFIG).listUsers(viewer, page)).rejects.toMatchObject({ code });
    expect(asked).toEqual([]);
  });

  it('changes roles for admins only, refusing ids that are not UUIDs and users that do not exist', async () => {
    const { users, db } = usersRepository(1);
    const service = new AuthService(db, DEFAULT_AUTH_CONFIG);

    await expect(service.setUserRole(ADMIN, users[0]!.id, 'ADMIN')).resolves.toMatchObject({ role: 'ADMIN' });
    await expect(service.setUserRole(USER, users[0]!.id, 'ADMIN')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.setUserRole(ADMIN, 'nobody', 'ADMIN')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'userId' } });
    await expect(service.setUserRole(ADMIN, '00000000-0000-4000-8000-999999999999', 'ADMIN')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('does not let an admin demote itself (the last admin would leave nobody to manage accounts)', async () => {
    const { users, db } = usersRepository(1);
    users[0]!.role = 'ADMIN';
    const self: Viewer = { ...ADMIN, id: users[0]!.id };

    await expect(new AuthService(db, DEFAULT_AUTH_CONFIG).setUserRole(self, self.id, 'USER')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(users[0]!.role).toBe('ADMIN');
  });

  it('refuses a password longer than any it accepts without looking the account up or hashing it', async () => {
    const { asked, db } = usersRepository(1);

    await expect(new AuthService(db, DEFAULT_AUTH_CONFIG).login({ email: 'user0@example.org', password: 'x'.repeat(1_000_000) }, '127.0.0.1')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Invalid email or password',
    });
    expect(asked).toEqual([]);
  });
});
