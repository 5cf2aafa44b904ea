import type { Requirement } from '@docent/common';
import { ANONYMOUS, type SignedInViewer, hasRole, permits } from './viewer';

describe('hasRole', () => {
  it('gives an anonymous viewer no role', () => {
    expect(hasRole(ANONYMOUS, 'USER')).toBe(false);
  });

  it('lets an admin do what a user can, but not the other way round', () => {
    const user = { kind: 'user', id: 'u1', role: 'USER', credential: 'access-token' } as const;
    const admin = { kind: 'user', id: 'a1', role: 'ADMIN', credential: 'access-token' } as const;

    expect(hasRole(user, 'USER')).toBe(true);
    expect(hasRole(user, 'ADMIN')).toBe(false);
    expect(hasRole(admin, 'USER')).toBe(true);
    expect(hasRole(admin, 'ADMIN')).toBe(true);
  });
});

describe('permits', () => {
  const ALL: Requirement[] = ['search', 'read', 'ingest', 'manage', 'ACCOUNT', 'ADMIN'];
  const allowed = (viewer: SignedInViewer) => ALL.filter((requirement) => permits(viewer, requirement));

  it('gives a password sign-in every permission and its account, and ADMIN to admins only', () => {
    expect(allowed({ kind: 'user', id: 'u', role: 'USER', credential: 'access-token' })).toEqual(['search', 'read', 'ingest', 'manage', 'ACCOUNT']);
    expect(allowed({ kind: 'user', id: 'a', role: 'ADMIN', credential: 'access-token' })).toEqual(ALL);
  });

  it("gives an API key its permissions only: never the account's keys, never admin, even an admin's key", () => {
    expect(allowed({ kind: 'user', id: 'u', role: 'USER', credential: 'api-key', permissions: ['search', 'read'] })).toEqual(['search', 'read']);
    expect(allowed({ kind: 'user', id: 'a', role: 'ADMIN', credential: 'api-key', permissions: ['search', 'read', 'ingest', 'manage'] })).toEqual(['search', 'read', 'ingest', 'manage']);
    expect(allowed({ kind: 'user', id: 'u', role: 'USER', credential: 'api-key', permissions: ['ingest'] })).toEqual(['ingest']);
  });
});
