import { DocentError } from '@docent/common';
import { AccessTokens } from './access-tokens';
import { normalizeEmail } from './email';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords';

const tokens = new AccessTokens({ tokenSecret: 'x'.repeat(40), issuer: 'docent', audience: 'docent-api', accessTokenTtlSeconds: 60 });

describe('normalizeEmail', () => {
  it('trims, lower-cases and NFKC-normalizes', () => {
    expect(normalizeEmail('  Ada.Lovelace@EXAMPLE.org ')).toBe('ada.lovelace@example.org');
    expect(normalizeEmail('ｕｓｅｒ@example.org')).toBe('user@example.org');
  });

  it('refuses what is not an email address', () => {
    expect(() => normalizeEmail('no-at-sign')).toThrow(DocentError);
    expect(() => normalizeEmail(`${'a'.repeat(250)}@example.org`)).toThrow('Not a valid email address');
  });
});

describe('password policy', () => {
  it.each([
    ['too short', 'abc123'],
    ['too long', 'x1y2'.repeat(70)],
    ['too simple', 'aaaaaaaaaaaa'],
    ['containing the email name', 'ada.lovelace-2024!'],
  ])('refuses a password %s', (_reason, password) => {
    expect(() => assertAcceptablePassword(password, 'ada.lovelace@example.org')).toThrow(DocentError);
  });

  it('accepts a passphrase', () => {
    expect(() => assertAcceptablePassword('correct horse battery staple', 'ada@example.org')).not.toThrow();
  });
});

describe('password hashing', () => {
  it('stores argon2id hashes that verify the password and nothing else', async () => {
    const hash = await hashPassword('correct horse battery staple');

    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});

describe('AccessTokens', () => {
  it('round-trips the user id and role', async () => {
    const token = await tokens.sign({ userId: 'user-1', role: 'ADMIN', sessionId: 'session-1' });

    expect(await tokens.verify(token)).toEqual({ userId: 'user-1', role: 'ADMIN', sessionId: 'session-1', expiresAt: expect.any(Number) });
  });

  it('rejects an expired token as expired', async () => {
    const token = await tokens.sign({ userId: 'user-1', role: 'USER', sessionId: 'session-1' }, new Date(Date.now() - 120_000));

    await expect(tokens.verify(token)).rejects.toThrow('Access token expired');
  });

  it('rejects a token signed with another secret', async () => {
    const other = new AccessTokens({ tokenSecret: 'y'.repeat(40), issuer: 'docent', audience: 'docent-api', accessTokenTtlSeconds: 60 });

    await expect(tokens.verify(await other.sign({ userId: 'user-1', role: 'USER', sessionId: 'session-1' }))).rejects.toThrow('Invalid access token');
  });

  it('refuses a short secret', () => {
    expect(() => new AccessTokens({ tokenSecret: 'short', issuer: 'i', audience: 'a', accessTokenTtlSeconds: 60 })).toThrow('at least 32 characters');
  });
});
