import { randomUUID } from 'node:crypto';
import { testDatabaseTargets } from '@docent/persistence/testing';
import { SignJWT } from 'jose';
import { TEST_TOKEN_SECRET, type TestGateway, startTestGateway } from './test-gateway';

const SESSION = 'user { id email role } accessToken refreshToken';
const REGISTER = `mutation ($input: CredentialsInput!) { register(input: $input) { ${SESSION} } }`;
const LOGIN = `mutation ($input: CredentialsInput!) { login(input: $input) { ${SESSION} } }`;
const REFRESH = `mutation ($token: String!) { refreshToken(refreshToken: $token) { ${SESSION} } }`;
const ME = '{ me { id email role } }';

interface SessionData {
  user: { id: string; email: string; role: string };
  accessToken: string;
  refreshToken: string;
}

const password = 'correct horse battery staple';
const newEmail = () => `user-${randomUUID()}@example.test`;
const codeOf = (response: { errors?: { extensions: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions['code'];

describe.each(testDatabaseTargets())('auth over HTTP on $name', (target) => {
  let server: TestGateway;
  const secretsSeen: string[] = [];

  beforeAll(async () => {
    server = await startTestGateway(target, { auth: { rateLimits: { perIp: { points: 1_000, durationSeconds: 60 }, perEmail: { points: 3, durationSeconds: 1 } } } });
  });
  afterAll(() => server?.close());

  async function register(email = newEmail()): Promise<SessionData> {
    const response = await server.graphql<{ register: SessionData }>(REGISTER, { input: { email, password } });
    if (!response.data?.register) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
    secretsSeen.push(response.data.register.accessToken, response.data.register.refreshToken);
    return response.data.register;
  }

  it('registers, logs in and answers `me` with a normalized email and no password hash anywhere', async () => {
    const email = newEmail();
    const registered = await register(`  ${email.toUpperCase()} `);
    const login = await server.graphql<{ login: SessionData }>(LOGIN, { input: { email, password } });
    const me = await server.graphql(ME, {}, login.data?.login.accessToken);

    expect(registered.user).toEqual({ id: expect.any(String), email, role: 'USER' });
    expect(login.data?.login.user.id).toBe(registered.user.id);
    expect(me.data).toEqual({ me: { id: registered.user.id, email, role: 'USER' } });
    expect(JSON.stringify([registered, login, me])).not.toMatch(/argon2|passwordHash/);
    secretsSeen.push(login.data!.login.accessToken, login.data!.login.refreshToken);
  });

  it('refuses a duplicate email with BAD_USER_INPUT, whatever its case', async () => {
    const email = newEmail();
    await register(email);

    const again = await server.graphql(REGISTER, { input: { email: email.toUpperCase(), password } });

    expect(codeOf(again)).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toBe('An account with this email already exists');
  });

  it('refuses weak passwords and malformed emails with BAD_USER_INPUT', async () => {
    const short = await server.graphql(REGISTER, { input: { email: newEmail(), password: 'short' } });
    const malformed = await server.graphql(REGISTER, { input: { email: 'not-an-email', password } });

    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    expect(codeOf(malformed)).toBe('BAD_USER_INPUT');
  });

  it('says the same thing for a wrong password and an unknown email', async () => {
    const { user } = await register();

    const wrongPassword = await server.graphql(LOGIN, { input: { email: user.email, password: 'wrong password entirely' } });
    const unknownEmail = await server.graphql(LOGIN, { input: { email: newEmail(), password } });

    expect(codeOf(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(wrongPassword.errors?.[0]?.message).toBe('Invalid email or password');
    expect(unknownEmail.errors?.[0]).toEqual(wrongPassword.errors?.[0]);
  });

  it('rejects tampered, expired and wrong-audience access tokens with UNAUTHENTICATED', async () => {
    const { user, accessToken } = await register();
    const [header, payload, signature] = accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url')}.${signature}`;
    const key = new TextEncoder().encode(TEST_TOKEN_SECRET);
    const signed = (audience: string, expiresAt: number) =>
      new SignJWT({ role: 'USER' }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id).setIssuer('docent').setAudience(audience).setExpirationTime(expiresAt).sign(key);
    const now = Math.floor(Date.now() / 1000);

    for (const token of [tampered, await signed('docent-api', now - 10), await signed('someone-else', now + 600), 'not.a.jwt']) {
      const response = await server.graphql(ME, {}, token);
      expect(response.status).toBe(401);
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
    }
    expect((await server.graphql(ME, {}, accessToken)).data).toEqual({ me: expect.objectContaining({ id: user.id }) });
  });

  it('rotates refresh tokens, and revokes the whole login when a used one comes back', async () => {
    const first = await register();

    const second = await server.graphql<{ refreshToken: SessionData }>(REFRESH, { token: first.refreshToken });
    const replay = await server.graphql(REFRESH, { token: first.refreshToken });
    const afterReplay = await server.graphql(REFRESH, { token: second.data?.refreshToken.refreshToken });

    expect(second.data?.refreshToken.user.id).toBe(first.user.id);
    expect(second.data?.refreshToken.refreshToken).not.toBe(first.refreshToken);
    expect(codeOf(replay)).toBe('UNAUTHENTICATED');
    expect(codeOf(afterReplay)).toBe('UNAUTHENTICATED');
    secretsSeen.push(second.data!.refreshToken.accessToken, second.data!.refreshToken.refreshToken);
  });

  it('logs out by revoking the login: its refresh token and its access token end at once, another login goes on', async () => {
    const session = await register();
    const otherLogin = (await server.graphql<{ login: SessionData }>(LOGIN, { input: { email: session.user.email, password } })).data!.login;

    const before = await server.graphql(ME, {}, session.accessToken);
    const logout = await server.graphql('mutation ($token: String!) { logout(refreshToken: $token) }', { token: session.refreshToken });
    const refresh = await server.graphql(REFRESH, { token: session.refreshToken });
    const after = await server.graphql(ME, {}, session.accessToken);

    expect(before.errors).toBeUndefined();
    expect(logout.data).toEqual({ logout: true });
    expect(codeOf(refresh)).toBe('UNAUTHENTICATED');
    expect({ status: after.status, code: codeOf(after) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await server.graphql(ME, {}, otherLogin.accessToken)).errors).toBeUndefined();
  });

  it('ends the access tokens of a login revoked because a used refresh token came back', async () => {
    const first = await register();
    const second = (await server.graphql<{ refreshToken: SessionData }>(REFRESH, { token: first.refreshToken })).data!.refreshToken;

    await server.graphql(REFRESH, { token: first.refreshToken });

    expect(codeOf(await server.graphql(ME, {}, second.accessToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(ME, {}, first.accessToken))).toBe('UNAUTHENTICATED');
  });

  it('accepts an API key as its owner until it is revoked, and shows its secret only once', async () => {
    const owner = await register();
    const created = await server.graphql<{ createApiKey: { secret: string; apiKey: { id: string; prefix: string } } }>(
      'mutation { createApiKey(name: "ingest service") { secret apiKey { id prefix } } }',
      {},
      owner.accessToken,
    );
    const { secret, apiKey } = created.data!.createApiKey;
    secretsSeen.push(secret);

    const asKey = await server.graphql(ME, {}, secret);
    const listed = await server.graphql<{ apiKeys: Record<string, unknown>[] }>('{ apiKeys { id name prefix lastUsedAt revokedAt } }', {}, owner.accessToken);
    await server.graphql(`mutation { revokeApiKey(id: "${apiKey.id}") }`, {}, owner.accessToken);
    const afterRevoke = await server.graphql(ME, {}, secret);

    expect(secret).toMatch(/^dcnt_/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    expect(asKey.data).toEqual({ me: expect.objectContaining({ id: owner.user.id }) });
    expect(listed.data?.apiKeys).toEqual([expect.objectContaining({ id: apiKey.id, name: 'ingest service', lastUsedAt: expect.any(String), revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(codeOf(afterRevoke)).toBe('UNAUTHENTICATED');
  });

  it("does not let one user revoke another user's API key", async () => {
    const alice = await register();
    const bob = await register();
    const created = await server.graphql<{ createApiKey: { secret: string; apiKey: { id: string } } }>('mutation { createApiKey(name: "alice") { secret apiKey { id } } }', {}, alice.accessToken);

    const attempt = await server.graphql(`mutation { revokeApiKey(id: "${created.data!.createApiKey.apiKey.id}") }`, {}, bob.accessToken);

    expect(codeOf(attempt)).toBe('NOT_FOUND');
    expect((await server.graphql(ME, {}, created.data!.createApiKey.secret)).data).toEqual({ me: expect.objectContaining({ id: alice.user.id }) });
  });

  it('applies a role change made outside this gateway (another process, the database) within a second', async () => {
    const user = await register();
    const stats = () => server.graphql('{ ingestionStats { pending } }', {}, user.accessToken);
    expect(codeOf(await stats())).toBe('FORBIDDEN');

    await server.database.users.setRole(user.user.id, 'ADMIN');
    const changedAt = Date.now();
    while (codeOf(await stats()) === 'FORBIDDEN') {
      expect(Date.now() - changedAt).toBeLessThan(1_500);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await stats()).errors).toBeUndefined();
  });

  it('enforces roles both ways: users are FORBIDDEN from admin operations, admins may use them', async () => {
    const user = await register();
    const adminRecord = await server.auth.ensureAdmin({ email: newEmail(), password });
    const admin = await server.graphql<{ login: SessionData }>(LOGIN, { input: { email: adminRecord.email, password } });
    const adminToken = admin.data!.login.accessToken;

    const anonymous = await server.graphql('{ users { nodes { id } } }');
    const asUser = await server.graphql('{ users { nodes { id } } }', {}, user.accessToken);
    const asAdmin = await server.graphql<{ users: { nodes: { id: string }[] } }>('{ users(first: 100) { nodes { id email role } } }', {}, adminToken);
    const promote = await server.graphql(`mutation { setUserRole(userId: "${user.user.id}", role: ADMIN) { role } }`, {}, adminToken);
    const nowAdmin = await server.graphql('{ users(first: 1) { nodes { id } } }', {}, user.accessToken);

    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(codeOf(asUser)).toBe('FORBIDDEN');
    expect(asAdmin.data?.users.nodes.map((entry) => entry.id)).toContain(user.user.id);
    expect(JSON.stringify(asAdmin)).not.toMatch(/argon2|passwordHash/);
    expect(promote.data).toEqual({ setUserRole: { role: 'ADMIN' } });
    // The role is read from the database on every request, so the promotion applies at once.
    expect(nowAdmin.errors).toBeUndefined();
  });

  it.each<[string, string, string, Record<string, unknown>?]>([
    ['revokeApiKey with an id that is not a UUID', 'mutation { revokeApiKey(id: "1; DROP TABLE api_keys") }', 'id'],
    ['setUserRole with a user id that is not a UUID', 'mutation { setUserRole(userId: "nobody", role: ADMIN) { id } }', 'userId'],
    ['users after a cursor that is not a user id', '{ users(after: "not-a-cursor") { nodes { id } } }', 'after'],
    ['users with first: 0', '{ users(first: 0) { nodes { id } } }', 'first'],
    ['users with first: -5', '{ users(first: -5) { nodes { id } } }', 'first'],
    ['users with first: 101', '{ users(first: 101) { nodes { id } } }', 'first'],
    ['an API key name with a NUL', 'mutation { createApiKey(name: "key\\u0000") { secret } }', 'name'],
    ['an API key name with a lone surrogate', 'mutation ($name: String!) { createApiKey(name: $name) { secret } }', 'name', { name: 'key \ud800' }],
  ])('refuses %s as BAD_USER_INPUT naming the argument', async (_, query, field, variables = {}) => {
    const adminRecord = await server.auth.ensureAdmin({ email: newEmail(), password });
    const adminToken = (await server.graphql<{ login: SessionData }>(LOGIN, { input: { email: adminRecord.email, password } })).data!.login.accessToken;

    const response = await server.graphql(query, variables, adminToken);

    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions['field']).toBe(field);
  });

  it('pages users as a connection from after: null, in id order, to the last page', async () => {
    const adminRecord = await server.auth.ensureAdmin({ email: newEmail(), password });
    const adminToken = (await server.graphql<{ login: SessionData }>(LOGIN, { input: { email: adminRecord.email, password } })).data!.login.accessToken;
    await register();
    type UsersPage = { users: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const USERS = 'query ($after: String) { users(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }';

    const seen: string[] = [];
    let page = await server.graphql<UsersPage>(USERS, { after: null }, adminToken);
    for (;;) {
      seen.push(...page.data!.users.nodes.map((user) => user.id));
      if (!page.data!.users.pageInfo.hasNextPage) break;
      page = await server.graphql<UsersPage>(USERS, { after: page.data!.users.pageInfo.endCursor }, adminToken);
    }
    const all = await server.graphql<UsersPage>('{ users(first: 100) { nodes { id } pageInfo { hasNextPage endCursor } } }', {}, adminToken);

    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.slice(0, 100)).toEqual(all.data!.users.nodes.map((user) => user.id));
    expect([...seen].sort()).toEqual(seen);
    expect(all.data!.users.pageInfo.endCursor).toBe(seen.at(-1));
  });

  it('rate-limits logins per email, says when to retry, and recovers', async () => {
    const { user } = await register();
    const attempt = () => server.graphql(LOGIN, { input: { email: user.email, password: 'wrong password entirely' } });

    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(codeOf(await attempt()));
    const limited = await attempt();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const recovered = await server.graphql(LOGIN, { input: { email: user.email, password } });

    expect(codes.slice(0, 2)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(codes).toContain('RATE_LIMITED');
    expect(limited.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) }));
    expect(limited.errors?.[0]?.message).toMatch(/retry in \d+ s/);
    expect(recovered.errors).toBeUndefined();
  });

  it('never writes a password, password hash or token to the log', async () => {
    const hashes = await server.database.users.findByEmailWithPasswordHash((await register()).user.email);
    const logText = server.logs.join('\n');

    expect(secretsSeen.length).toBeGreaterThan(5);
    // Every request was logged, so the check below looks at real log lines.
    expect(logText).toMatch(/"method":"POST","url":"\/graphql"/);
    for (const secret of [...secretsSeen, password, hashes!.passwordHash]) expect(logText).not.toContain(secret);
  });
});
