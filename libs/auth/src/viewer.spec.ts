import { ANONYMOUS, hasRole } from './viewer';

describe('hasRole', () => {
  it('gives an anonymous viewer no role', () => {
    expect(hasRole(ANONYMOUS, 'USER')).toBe(false);
  });

  it('lets an admin do what a user can, but not the other way round', () => {
    const user = { kind: 'user', id: 'u1', role: 'USER', credential: 'access-token' } as const;
    const admin = { kind: 'user', id: 'a1', role: 'ADMIN', credential: 'api-key' } as const;

    expect(hasRole(user, 'USER')).toBe(true);
    expect(hasRole(user, 'ADMIN')).toBe(false);
    expect(hasRole(admin, 'USER')).toBe(true);
    expect(hasRole(admin, 'ADMIN')).toBe(true);
  });
});
