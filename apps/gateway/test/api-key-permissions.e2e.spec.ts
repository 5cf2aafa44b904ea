import type { Requirement } from '@docent/common';
import { testDatabaseTargets } from '@docent/persistence/testing';
import { codeOf, eventually, signUp } from './graphql-client';
import { type GraphQLResponse, type TestGateway, startTestGateway } from './test-gateway';

type PermissionName = 'SEARCH' | 'READ' | 'INGEST' | 'MANAGE';

/** The keys the matrix runs as: each permission alone, the default pair, all four. */
const KEYS: Record<string, PermissionName[] | undefined> = {
  'search only': ['SEARCH'],
  'read only': ['READ'],
  'ingest only': ['INGEST'],
  'manage only': ['MANAGE'],
  'default (no permissions given)': undefined,
  'all four': ['SEARCH', 'READ', 'INGEST', 'MANAGE'],
};
const GRANTED: Record<string, Requirement[]> = {
  'search only': ['search'],
  'read only': ['read'],
  'ingest only': ['ingest'],
  'manage only': ['manage'],
  'default (no permissions given)': ['search', 'read'],
  'all four': ['search', 'read', 'ingest', 'manage'],
};

interface Operation {
  name: string;
  needs: Requirement[];
  /** Runs the operation with `bearer`; `target` is a fresh document of the key's owner it may act on. */
  run(bearer: string, target: string): Promise<GraphQLResponse>;
}

const OPERATIONS: Operation[] = [
  { name: 'search', needs: ['search'], run: (bearer) => call(bearer, '{ search(input: { query: "lighthouse", mode: KEYWORD }) { documentId } }') },
  { name: 'searchDocuments', needs: ['search'], run: (bearer) => call(bearer, '{ searchDocuments(input: { query: "lighthouse", mode: KEYWORD }) { documentId } }') },
  { name: "search with the documents' content", needs: ['search', 'read'], run: (bearer) => call(bearer, '{ search(input: { query: "lighthouse", mode: KEYWORD }) { document { content } } }') },
  { name: 'document', needs: ['read'], run: (bearer, target) => call(bearer, 'query ($id: ID!) { document(id: $id) { title } }', { id: target }) },
  { name: 'document with its chunks', needs: ['read'], run: (bearer, target) => call(bearer, 'query ($id: ID!) { document(id: $id) { chunks { nodes { text } } } }', { id: target }) },
  { name: 'documents', needs: ['read'], run: (bearer) => call(bearer, '{ documents { nodes { id } } }') },
  { name: 'ingestDocument', needs: ['ingest'], run: (bearer) => call(bearer, 'mutation { ingestDocument(input: { title: "By key", content: "A note sent with an API key." }) { id } }') },
  { name: 'reprocessDocument', needs: ['ingest'], run: (bearer, target) => call(bearer, 'mutation ($id: ID!) { reprocessDocument(id: $id) { id } }', { id: target }) },
  { name: 'deleteDocument', needs: ['manage'], run: (bearer, target) => call(bearer, 'mutation ($id: ID!) { deleteDocument(id: $id) }', { id: target }) },
  { name: 'createApiKey', needs: ['ACCOUNT'], run: (bearer) => call(bearer, 'mutation { createApiKey(name: "made by a key", permissions: [SEARCH]) { secret } }') },
  { name: 'apiKeys', needs: ['ACCOUNT'], run: (bearer) => call(bearer, '{ apiKeys { id } }') },
  { name: 'ingestionStats', needs: ['ADMIN'], run: (bearer) => call(bearer, '{ ingestionStats { pending } }') },
  { name: 'users', needs: ['ADMIN'], run: (bearer) => call(bearer, '{ users { nodes { id } } }') },
  { name: 'me', needs: [], run: (bearer) => call(bearer, '{ me { id } }') },
];

let server: TestGateway;
const call = (bearer: string, query: string, variables: Record<string, unknown> = {}) => server.graphql(query, variables, bearer);

describe.each(testDatabaseTargets())('API key permissions over HTTP on $name', (target) => {
  let owner: { token: string; userId: string };
  let admin: { token: string; userId: string };
  const keys: Record<string, string> = {};

  /** Everything an operation could change, as the owner and the database see it. */
  const state = async () => ({
    documents: await server.database.documentQueue.countByStatus(),
    keys: (await server.database.apiKeys.listByOwner(owner.userId)).map((key) => [key.id, key.revokedAt]),
    roles: (await server.database.users.list({ first: 100 })).map((user) => [user.id, user.role]),
  });
  const settle = () => eventually(() => server.database.documentQueue.countByStatus(), (counts) => counts.PENDING + counts.PROCESSING === 0);
  const ingestAsOwner = async (title: string) => {
    const response = await server.graphql<{ ingestDocument: { id: string } }>('mutation ($input: DocumentInput!) { ingestDocument(input: $input) { id } }', { input: { title, content: `${title}: the lighthouse keeper's log.` } }, owner.token);
    return response.data!.ingestDocument.id;
  };

  beforeAll(async () => {
    server = await startTestGateway(target);
    owner = await signUp(server, 'key-owner');
    admin = await signUp(server, 'key-admin');
    await server.database.users.setRole(admin.userId, 'ADMIN');
    for (const [label, permissions] of Object.entries(KEYS)) {
      const created = await server.graphql<{ createApiKey: { secret: string; apiKey: { permissions: string[] } } }>(
        'mutation ($name: String!, $permissions: [ApiKeyPermission!]) { createApiKey(name: $name, permissions: $permissions) { secret apiKey { permissions } } }',
        { name: label, permissions },
        owner.token,
      );
      expect(created.data!.createApiKey.apiKey.permissions).toEqual((permissions ?? ['SEARCH', 'READ']));
      keys[label] = created.data!.createApiKey.secret;
    }
    await ingestAsOwner('Shared');
    await settle();
  });
  afterAll(() => server?.close());

  const cases = Object.keys(KEYS).flatMap((key) => OPERATIONS.map((operation) => ({ key, operation })));
  it.each(cases)('$key: $operation.name', async ({ key, operation }) => {
    const allowed = operation.needs.every((need) => (GRANTED[key] as Requirement[]).includes(need));
    const document = await ingestAsOwner(`For ${key} ${operation.name}`);
    await settle();
    const before = await state();

    const response = await operation.run(keys[key] as string, document);
    await settle();

    if (allowed) {
      expect(response.errors).toBeUndefined();
    } else {
      expect(codeOf(response)).toBe('FORBIDDEN');
      expect(await state()).toEqual(before);
    }
  });

  it("never lets an admin's key act as an admin, and a revoked key does nothing", async () => {
    const created = await server.graphql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      'mutation { createApiKey(name: "admin key", permissions: [SEARCH, READ, INGEST, MANAGE]) { secret apiKey { id } } }',
      {},
      admin.token,
    );
    const adminKey = created.data!.createApiKey.secret;
    const before = await state();

    const promote = await server.graphql('mutation ($id: ID!) { setUserRole(userId: $id, role: ADMIN) { id } }', { id: owner.userId }, adminKey);
    const lifecycle = await server.graphql('{ embeddingModels { name } }', {}, adminKey);
    expect([promote, lifecycle].map(codeOf)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(await state()).toEqual(before);

    await server.graphql('mutation ($id: ID!) { revokeApiKey(id: $id) }', { id: created.data!.createApiKey.apiKey.id }, admin.token);
    expect(codeOf(await server.graphql('{ me { id } }', {}, adminKey))).toBe('UNAUTHENTICATED');
  });

  it('refuses a key with no permissions, creating nothing', async () => {
    const before = await state();
    const none = await server.graphql('mutation { createApiKey(name: "nothing", permissions: []) { secret } }', {}, owner.token);

    expect(codeOf(none)).toBe('BAD_USER_INPUT');
    expect(await state()).toEqual(before);
  });
});
