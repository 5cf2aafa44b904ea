import type { Requirement } from '@docent/common';
import type { CollectionRole } from '@docent/persistence';
import { runSql, testDatabaseTargets } from '@docent/persistence/testing';
import { codeOf, eventually, signUp } from './graphql-client';
import { type GraphQLResponse, type TestGateway, startTestGateway } from './test-gateway';

// Every query and mutation that touches documents or collections, run by every kind of caller
// against a shared and an unshared collection: the exact outcome, and nothing changed when
// refused. The README's access table is this matrix.

type Where = 'shared' | 'unshared';
type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

interface Actor {
  name: string;
  /** Roles on the two collections, when signed in; `key` says what the API key was given. */
  roles?: Partial<Record<Where, CollectionRole>>;
  key?: { permissions: Requirement[]; heldToUnshared?: boolean };
}

interface Target {
  where: Where;
  collection: string;
  /** A READY document in it about lighthouses. */
  document: string;
}

interface Operation {
  name: string;
  /** What an API key needs (a password sign-in has every permission), and the role the caller needs on the collection. */
  needs: { permission?: Requirement; role: CollectionRole };
  /** Prepares what the operation acts on (a fresh document or collection where it would destroy the shared ones). */
  prepare?(target: Target): Promise<Target>;
  run(bearer: string | undefined, target: Target): Promise<GraphQLResponse>;
  /** What an allowed call must have done. */
  check(response: GraphQLResponse, target: Target): Promise<void> | void;
  /** Undoes an allowed call's change to the shared setup. */
  restore?(target: Target): Promise<void>;
  /** Searching without naming collections is never refused: what the caller cannot read is just not found. */
  unscoped?: boolean;
  /** Acts on a collection made for the case, which a key held to other collections never reaches. */
  freshCollection?: boolean;
}

const ACTORS: Actor[] = [
  { name: 'owner', roles: { shared: 'OWNER', unshared: 'OWNER' } },
  { name: 'EDITOR', roles: { shared: 'EDITOR' } },
  { name: 'VIEWER', roles: { shared: 'VIEWER' } },
  { name: 'non-member', roles: {} },
  { name: 'anonymous' },
  ...(
    [
      ['search', ['search']],
      ['read', ['read']],
      ['ingest', ['ingest']],
      ['manage', ['manage']],
      ['default (search, read)', ['search', 'read']],
      ['all four', ['search', 'read', 'ingest', 'manage']],
    ] as const
  ).map(([label, permissions]) => ({ name: `owner's key: ${label}`, roles: { shared: 'OWNER', unshared: 'OWNER' }, key: { permissions: [...permissions] } }) as Actor),
  { name: "owner's key: all four, held to the unshared collection", roles: { unshared: 'OWNER' }, key: { permissions: ['search', 'read', 'ingest', 'manage'], heldToUnshared: true } },
];

const RANK: Record<CollectionRole, number> = { VIEWER: 1, EDITOR: 2, OWNER: 3 };

/** The outcome the rules promise: sign-in, then the key's permission, then the role on the collection. */
function expectedOutcome(actor: Actor, operation: Operation, where: Where): Outcome | 'invisible' {
  if (!actor.roles) return 'UNAUTHENTICATED';
  const permission = operation.needs.permission;
  if (actor.key && permission !== undefined && (permission === 'ACCOUNT' || permission === 'ADMIN' || !actor.key.permissions.includes(permission))) return 'FORBIDDEN';
  const role = operation.freshCollection && actor.key?.heldToUnshared ? undefined : actor.roles[where];
  if (operation.unscoped) return role ? 'allowed' : 'invisible';
  if (!role) return 'NOT_FOUND';
  return RANK[role] >= RANK[operation.needs.role] ? 'allowed' : 'FORBIDDEN';
}

let server: TestGateway;
let invitee: { userId: string; email: string };
let ownerId: string;
const call = (bearer: string | undefined, query: string, variables: Record<string, unknown> = {}) => server.graphql(query, variables, bearer);
const dataOf = <T>(response: GraphQLResponse, field: string) => (response.data as Record<string, T>)[field] as T;
const LIGHTHOUSE = "The lighthouse keeper's log: the lamp was lit at dusk.";

const OPERATIONS: Operation[] = [
  {
    name: 'document',
    needs: { permission: 'read', role: 'VIEWER' },
    run: (bearer, { document }) => call(bearer, 'query ($id: ID!) { document(id: $id) { id collectionId } }', { id: document }),
    check: (response, { document, collection }) => expect(dataOf(response, 'document')).toEqual({ id: document, collectionId: collection }),
  },
  {
    name: 'document { chunks content }',
    needs: { permission: 'read', role: 'VIEWER' },
    run: (bearer, { document }) => call(bearer, 'query ($id: ID!) { document(id: $id) { content chunks { nodes { text } } } }', { id: document }),
    check: (response) => expect(dataOf<{ content: string; chunks: { nodes: unknown[] } }>(response, 'document')).toMatchObject({ content: expect.stringContaining(LIGHTHOUSE), chunks: { nodes: [expect.anything()] } }),
  },
  {
    name: 'documents(collections)',
    needs: { permission: 'read', role: 'VIEWER' },
    run: (bearer, { collection }) => call(bearer, 'query ($c: [ID!]) { documents(collections: $c, first: 100) { nodes { id } } }', { c: [collection] }),
    check: (response, { document }) => expect(dataOf<{ nodes: { id: string }[] }>(response, 'documents').nodes).toContainEqual({ id: document }),
  },
  {
    name: 'search(collections)',
    needs: { permission: 'search', role: 'VIEWER' },
    run: (bearer, { collection }) => call(bearer, 'query ($c: [ID!]) { search(input: { query: "lighthouse", mode: KEYWORD, first: 100, collections: $c }) { documentId } }', { c: [collection] }),
    check: (response, { document }) => expect(dataOf<{ documentId: string }[]>(response, 'search')).toContainEqual({ documentId: document }),
  },
  {
    name: 'searchDocuments(collections)',
    needs: { permission: 'search', role: 'VIEWER' },
    run: (bearer, { collection }) => call(bearer, 'query ($c: [ID!]) { searchDocuments(input: { query: "lighthouse", mode: HYBRID, first: 100, collections: $c }) { documentId } }', { c: [collection] }),
    check: (response, { document }) => expect(dataOf<{ documentId: string }[]>(response, 'searchDocuments')).toContainEqual({ documentId: document }),
  },
  {
    name: 'search (every collection one reads)',
    needs: { permission: 'search', role: 'VIEWER' },
    unscoped: true,
    run: (bearer) => call(bearer, '{ search(input: { query: "lighthouse", mode: KEYWORD, first: 100 }) { documentId } }'),
    check: (response, { document }) => expect(dataOf<{ documentId: string }[]>(response, 'search')).toContainEqual({ documentId: document }),
  },
  {
    name: 'ingestDocument(collection)',
    needs: { permission: 'ingest', role: 'EDITOR' },
    run: (bearer, { collection }) => call(bearer, 'mutation ($c: ID!) { ingestDocument(input: { title: "New", content: "A new note about the harbour.", collection: $c }) { collectionId } }', { c: collection }),
    check: (response, { collection }) => expect(dataOf(response, 'ingestDocument')).toEqual({ collectionId: collection }),
  },
  {
    name: 'reprocessDocument',
    needs: { permission: 'ingest', role: 'EDITOR' },
    prepare: withFreshDocument,
    run: (bearer, { document }) => call(bearer, 'mutation ($id: ID!) { reprocessDocument(id: $id) { id status } }', { id: document }),
    check: (response, { document }) => expect(dataOf(response, 'reprocessDocument')).toEqual({ id: document, status: 'PENDING' }),
  },
  {
    name: 'deleteDocument',
    needs: { permission: 'manage', role: 'EDITOR' },
    prepare: withFreshDocument,
    run: (bearer, { document }) => call(bearer, 'mutation ($id: ID!) { deleteDocument(id: $id) }', { id: document }),
    check: async (_, { document }) => expect(await server.database.documents.findById({ userId: ownerId }, document)).toBeNull(),
  },
  {
    name: 'collection',
    needs: { role: 'VIEWER' },
    run: (bearer, { collection }) => call(bearer, 'query ($id: ID!) { collection(id: $id) { id } }', { id: collection }),
    check: (response, { collection }) => expect(dataOf(response, 'collection')).toEqual({ id: collection }),
  },
  {
    name: 'renameCollection',
    needs: { permission: 'manage', role: 'OWNER' },
    run: (bearer, { collection }) => call(bearer, 'mutation ($id: ID!) { renameCollection(id: $id, name: "Renamed") { name } }', { id: collection }),
    check: (response) => expect(dataOf(response, 'renameCollection')).toEqual({ name: 'Renamed' }),
    restore: async ({ where, collection }) => void (await server.database.collections.rename({ userId: ownerId }, collection, where === 'shared' ? 'Shared' : 'Default')),
  },
  {
    name: 'deleteCollection',
    needs: { permission: 'manage', role: 'OWNER' },
    freshCollection: true,
    // A fresh collection with the same members, since the default one can't be deleted and the shared one is needed.
    prepare: async ({ where }) => {
      const fresh = await server.database.collections.create(ownerId, `Doomed ${crypto.randomUUID()}`);
      if (where === 'shared') for (const [userId, role] of sharedMembers) await server.database.collections.setMember(fresh.id, userId, role);
      return withFreshDocument({ where, collection: fresh.id, document: '' });
    },
    run: (bearer, { collection }) => call(bearer, 'mutation ($id: ID!) { deleteCollection(id: $id) }', { id: collection }),
    check: async (_, { collection, document }) => {
      expect(await server.database.collections.find({ userId: ownerId }, collection)).toBeNull();
      const left = await runSql(server.database, (sql) => sql.query<{ n: number }>('SELECT count(*)::int AS n FROM chunks WHERE document_id = $1', [document]));
      expect(left).toEqual([{ n: 0 }]);
    },
  },
  {
    name: 'collectionMembers',
    needs: { permission: 'ACCOUNT', role: 'OWNER' },
    run: (bearer, { collection }) => call(bearer, 'query ($c: ID!) { collectionMembers(collection: $c) { userId role } }', { c: collection }),
    check: (response) => expect(dataOf(response, 'collectionMembers')).toContainEqual({ userId: ownerId, role: 'OWNER' }),
  },
  {
    name: 'setCollectionMember',
    needs: { permission: 'ACCOUNT', role: 'OWNER' },
    run: (bearer, { collection }) => call(bearer, 'mutation ($c: ID!, $email: String!) { setCollectionMember(collection: $c, email: $email, role: VIEWER) { userId } }', { c: collection, email: invitee.email }),
    check: (response) => expect(dataOf(response, 'setCollectionMember')).toContainEqual({ userId: invitee.userId }),
    restore: async ({ collection }) => void (await server.database.collections.removeMember(collection, invitee.userId)),
  },
  {
    name: 'removeCollectionMember',
    needs: { permission: 'ACCOUNT', role: 'OWNER' },
    prepare: async (target) => {
      await server.database.collections.setMember(target.collection, invitee.userId, 'VIEWER');
      return target;
    },
    run: (bearer, { collection }) => call(bearer, 'mutation ($c: ID!, $u: ID!) { removeCollectionMember(collection: $c, userId: $u) { userId } }', { c: collection, u: invitee.userId }),
    check: (response) => expect(dataOf(response, 'removeCollectionMember')).not.toContainEqual({ userId: invitee.userId }),
    restore: async ({ collection }) => void (await server.database.collections.removeMember(collection, invitee.userId)),
  },
];

let sharedMembers: [string, CollectionRole][] = [];
let targets: Record<Where, Target>;

async function settle(): Promise<void> {
  await eventually(() => server.database.documentQueue.countByStatus(), (counts) => counts.PENDING + counts.PROCESSING === 0);
}

/** Another READY lighthouse document in the target's collection, written by the owner. */
async function withFreshDocument(target: Target): Promise<Target> {
  const [document] = await server.docent.documents.intake.ingest({ userId: ownerId }, [{ title: `Log ${crypto.randomUUID()}`, content: `${LIGHTHOUSE} ${crypto.randomUUID()}`, mimeType: 'text/plain', collection: target.collection }]);
  await settle();
  return { ...target, document: document!.id };
}

/** Everything a call could change: documents, chunks, collections and members. */
function snapshot() {
  return runSql(server.database, async (sql) => ({
    documents: await sql.query('SELECT id, collection_id, status, title, updated_at FROM documents ORDER BY id'),
    chunks: await sql.query('SELECT count(*)::int AS n FROM chunks'),
    collections: await sql.query('SELECT id, name FROM collections ORDER BY id'),
    members: await sql.query('SELECT collection_id, user_id, role::text FROM collection_members ORDER BY collection_id, user_id'),
    keys: await sql.query('SELECT id, revoked_at FROM api_keys ORDER BY id'),
  }));
}

describe.each(testDatabaseTargets())('collection rights over HTTP on $name', (target) => {
  const bearers: Record<string, string | undefined> = {};

  beforeAll(async () => {
    server = await startTestGateway(target);
    const owner = await signUp(server, 'owner');
    const editor = await signUp(server, 'editor');
    const viewer = await signUp(server, 'viewer');
    const stranger = await signUp(server, 'stranger');
    invitee = await signUp(server, 'invitee');
    ownerId = owner.userId;
    Object.assign(bearers, { owner: owner.token, EDITOR: editor.token, VIEWER: viewer.token, 'non-member': stranger.token, anonymous: undefined });

    const shared = await server.graphql<{ createCollection: { id: string } }>('mutation { createCollection(name: "Shared") { id } }', {}, owner.token);
    const sharedId = shared.data!.createCollection.id;
    for (const [email, role] of [[editor.email, 'EDITOR'], [viewer.email, 'VIEWER']] as const) {
      const added = await server.graphql('mutation ($c: ID!, $e: String!, $r: CollectionRole!) { setCollectionMember(collection: $c, email: $e, role: $r) { userId } }', { c: sharedId, e: email, r: role }, owner.token);
      expect(added.errors).toBeUndefined();
    }
    sharedMembers = [[editor.userId, 'EDITOR'], [viewer.userId, 'VIEWER']];
    const unsharedId = (await server.database.collections.findDefault(owner.userId))!.id;

    for (const actor of ACTORS.filter((candidate) => candidate.key)) {
      const created = await server.graphql<{ createApiKey: { secret: string } }>(
        'mutation ($name: String!, $p: [ApiKeyPermission!], $c: [ID!]) { createApiKey(name: $name, permissions: $p, collections: $c) { secret } }',
        { name: actor.name, p: actor.key!.permissions.map((permission) => permission.toUpperCase()), c: actor.key!.heldToUnshared ? [unsharedId] : null },
        owner.token,
      );
      expect(created.errors).toBeUndefined();
      bearers[actor.name] = created.data!.createApiKey.secret;
    }
    targets = {
      shared: await withFreshDocument({ where: 'shared', collection: sharedId, document: '' }),
      unshared: await withFreshDocument({ where: 'unshared', collection: unsharedId, document: '' }),
    };
  });
  afterAll(() => server?.close());

  const cases = ACTORS.flatMap((actor) => OPERATIONS.flatMap((operation) => (['shared', 'unshared'] as const).map((where) => ({ actor, operation, where, outcome: expectedOutcome(actor, operation, where) }))));
  it.each(cases)('$actor.name, $operation.name on the $where collection: $outcome', async ({ actor, operation, where, outcome }) => {
    const subject = operation.prepare ? await operation.prepare(targets[where]) : targets[where];
    const before = await snapshot();

    const response = await operation.run(bearers[actor.name], subject);
    await settle();

    try {
      if (outcome === 'allowed') {
        expect(response.errors).toBeUndefined();
        await operation.check(response, subject);
      } else if (outcome === 'invisible') {
        expect(response.errors).toBeUndefined();
        expect(dataOf<{ documentId: string }[]>(response, 'search')).not.toContainEqual({ documentId: subject.document });
      } else {
        expect(codeOf(response)).toBe(outcome);
        expect(await snapshot()).toEqual(before);
      }
    } finally {
      if (outcome === 'allowed') await operation.restore?.(subject);
    }
  });

  it("takes a removed member's rights away on their next request, and a key never reaches past its owner's rights", async () => {
    const member = await signUp(server, 'leaving');
    const shared = targets.shared;
    await server.database.collections.setMember(shared.collection, member.userId, 'EDITOR');
    const key = await server.graphql<{ createApiKey: { secret: string } }>('mutation { createApiKey(name: "member key", permissions: [SEARCH, READ, INGEST, MANAGE]) { secret } }', {}, member.token);
    const keySecret = key.data!.createApiKey.secret;
    const read = (bearer: string) => server.graphql('query ($id: ID!) { document(id: $id) { id } }', { id: shared.document }, bearer);
    expect((await read(member.token)).errors).toBeUndefined();
    expect((await read(keySecret)).errors).toBeUndefined();

    await server.database.collections.setMember(shared.collection, member.userId, 'VIEWER');
    const reprocess = await server.graphql('mutation ($id: ID!) { reprocessDocument(id: $id) { id } }', { id: shared.document }, keySecret);
    expect(codeOf(reprocess)).toBe('FORBIDDEN');

    const removed = await server.graphql('mutation ($c: ID!, $u: ID!) { removeCollectionMember(collection: $c, userId: $u) { userId } }', { c: shared.collection, u: member.userId }, bearers['owner']);
    expect(removed.errors).toBeUndefined();
    expect([codeOf(await read(member.token)), codeOf(await read(keySecret))]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('keeps an OWNER on every collection, and refuses bad input without changing anything', async () => {
    const before = await snapshot();
    const owner = bearers['owner'];
    const shared = targets.shared.collection;
    const cases: [string, Record<string, unknown>, string][] = [
      ['mutation ($c: ID!, $u: ID!) { removeCollectionMember(collection: $c, userId: $u) { userId } }', { c: shared, u: ownerId }, 'PRECONDITION_FAILED'],
      ['mutation ($id: ID!) { deleteCollection(id: $id) }', { id: targets.unshared.collection }, 'PRECONDITION_FAILED'],
      ['mutation { createCollection(name: "Shared") { id } }', {}, 'BAD_USER_INPUT'],
      ['mutation { createCollection(name: "   ") { id } }', {}, 'BAD_USER_INPUT'],
      ['mutation ($c: ID!) { setCollectionMember(collection: $c, email: "nobody@example.test", role: EDITOR) { userId } }', { c: shared }, 'NOT_FOUND'],
      ['mutation { ingestDocument(input: { title: "t", content: "c", collection: "not-a-uuid" }) { id } }', {}, 'BAD_USER_INPUT'],
      ['{ search(input: { query: "lighthouse", collections: ["00000000-0000-4000-8000-000000000000"] }) { documentId } }', {}, 'NOT_FOUND'],
      ['{ documents(collections: ["x\' OR 1=1 --"]) { nodes { id } } }', {}, 'BAD_USER_INPUT'],
      ['mutation { createApiKey(name: "k", collections: []) { secret } }', {}, 'BAD_USER_INPUT'],
      ['mutation { createApiKey(name: "k", collections: ["00000000-0000-4000-8000-000000000000"]) { secret } }', {}, 'NOT_FOUND'],
    ];
    for (const [query, variables, code] of cases) expect([query, codeOf(await server.graphql(query, variables, owner))]).toEqual([query, code]);
    expect(await snapshot()).toEqual(before);
  });
});
