import type { ChildProcess } from 'node:child_process';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { testDatabaseTargets } from '@docent/persistence/testing';
import { eventually, signUp } from './graphql-client';
import { spawnWorker } from './support/worker-process';
import { type TestGateway, startTestGateway } from './test-gateway';

interface StatusEvent {
  documentId: string;
  status: string;
}

interface Received<T> {
  values: T[];
  errors: { message: string; extensions?: Record<string, unknown> }[];
  completed: boolean;
}

/** A graphql-ws client of the gateway, signed in with `bearer` in connection_init. */
function wsClient(server: TestGateway, bearer?: string, onClosed?: (code: number) => void): Client {
  return createClient({
    url: `${server.gateway.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: bearer ? { authorization: `Bearer ${bearer}` } : {},
    retryAttempts: 0,
    on: { closed: (event) => onClosed?.((event as { code: number }).code) },
  });
}

/** Subscribes and collects what arrives until the test disposes it. */
function collect<T>(client: Client, query: string, variables: Record<string, unknown> = {}, extensions?: Record<string, unknown>): Received<T> & { stop(): void } {
  const received: Received<T> = { values: [], errors: [], completed: false };
  const field = /\{\s*(\w+)/.exec(query.replace(/^subscription[^{]*/, ''))?.[1] as string;
  const stop = client.subscribe<Record<string, T>>(
    { query, variables, ...(extensions ? { extensions } : {}) },
    {
      next: (result) => {
        if (result.errors) received.errors.push(...(result.errors as Received<T>['errors']));
        if (result.data) received.values.push(result.data[field] as T);
      },
      error: (error) => received.errors.push(...(Array.isArray(error) ? error : [{ message: String(error) }])),
      complete: () => (received.completed = true),
    },
  );
  return Object.assign(received, { stop });
}

const STATUS = 'subscription ($ids: [ID!], $collection: ID) { documentStatusChanged(documentIds: $ids, collection: $collection) { documentId status chunkCount } }';
const transitions = (events: StatusEvent[], id: string) => events.filter((event) => event.documentId === id).map((event) => event.status);

/**
 * Resolves once every one of `subscriptions` receives events: the protocol does not say when the
 * server has registered a subscription, so a probe document is sent (again, if need be) until it shows.
 */
async function untilFollowing(subscriptions: Received<StatusEvent>[], probe: () => Promise<string>): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt++) {
    // A fresh document each time: the same content again would return the stored one, unannounced.
    const id = await probe();
    const deadline = Date.now() + 1_000;
    while (Date.now() < deadline) {
      if (subscriptions.every((received) => received.values.some((event) => event.documentId === id))) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new Error(`the subscriptions never started: ${JSON.stringify(subscriptions.map((received) => received.errors))}`);
}

async function ingest(server: TestGateway, bearer: string, title: string, collection?: string): Promise<string> {
  const response = await server.graphql<{ ingestDocument: { id: string } }>(
    'mutation ($input: DocumentInput!) { ingestDocument(input: $input) { id } }',
    { input: { title, content: `${title}: notes on the harbour and its lighthouse.`, ...(collection ? { collection } : {}) } },
    bearer,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.ingestDocument.id;
}

// On PostgreSQL the gateway runs no worker: a separate worker process (`npm run worker`) does the
// work, and its status changes reach the gateway's subscribers through the database.
describe.each(testDatabaseTargets())('subscriptions over graphql-ws on $name', (target) => {
  let server: TestGateway;
  let worker: ChildProcess | undefined;
  const clients: Client[] = [];
  const connect = (bearer?: string, onClosed?: (code: number) => void) => {
    const client = wsClient(server, bearer, onClosed);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const separateWorker = target.name === 'postgres';
    server = await startTestGateway(target, { env: { WS_MAX_SUBSCRIPTIONS: '3', PROGRESS_INTERVAL_MS: '100', DOCUMENT_WORKER: String(!separateWorker) } });
    if (separateWorker) worker = spawnWorker((server.database as { url?: string }).url as string);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.dispose();
  });
  afterAll(async () => {
    worker?.kill('SIGTERM');
    await server?.close();
  });

  it("sends each user PENDING, PROCESSING, READY for their own documents and nothing of another's", async () => {
    const alice = await signUp(server, 'alice');
    const bob = await signUp(server, 'bob');
    const aliceEvents = collect<StatusEvent>(connect(alice.token), STATUS);
    const bobEvents = collect<StatusEvent>(connect(bob.token), STATUS);
    const progress = collect<{ pending: number; ready: number }>(connect(alice.token), 'subscription { ingestionProgress { pending processing ready failed documentsPerSecond etaSeconds } }');
    await untilFollowing([aliceEvents], () => ingest(server, alice.token, `Alice probe ${crypto.randomUUID()}`));
    await untilFollowing([bobEvents], () => ingest(server, bob.token, `Bob probe ${crypto.randomUUID()}`));

    const mine = await ingest(server, alice.token, 'Alice');
    const theirs = await ingest(server, bob.token, 'Bob');

    await eventually(async () => transitions(aliceEvents.values, mine), (statuses) => statuses.includes('READY'));
    await eventually(async () => transitions(bobEvents.values, theirs), (statuses) => statuses.includes('READY'));
    const aliceDocuments = (await server.database.documents.list({ userId: alice.userId }, { first: 100 })).length;
    await eventually(async () => progress.values.at(-1)?.ready ?? 0, (ready) => ready === aliceDocuments);
    expect(transitions(aliceEvents.values, mine)).toEqual(['PENDING', 'PROCESSING', 'READY']);
    expect(transitions(bobEvents.values, theirs)).toEqual(['PENDING', 'PROCESSING', 'READY']);
    expect(transitions(aliceEvents.values, theirs)).toEqual([]);
    expect(transitions(bobEvents.values, mine)).toEqual([]);
    expect(aliceEvents.values.filter((event) => event.documentId === mine).at(-1)).toMatchObject({ chunkCount: 1 });
    expect([aliceEvents.errors, bobEvents.errors, progress.errors]).toEqual([[], [], []]);
  });

  it('follows a shared collection for its members, and stops at the next event once a member is removed', async () => {
    const owner = await signUp(server, 'sharer');
    const member = await signUp(server, 'member');
    const created = await server.graphql<{ createCollection: { id: string } }>('mutation { createCollection(name: "Team") { id } }', {}, owner.token);
    const team = created.data!.createCollection.id;
    await server.graphql('mutation ($c: ID!, $e: String!) { setCollectionMember(collection: $c, email: $e, role: VIEWER) { userId } }', { c: team, e: member.email }, owner.token);
    const events = collect<StatusEvent>(connect(member.token), STATUS, { collection: team });
    const ownerEvents = collect<StatusEvent>(connect(owner.token), STATUS, { collection: team });
    await untilFollowing([events, ownerEvents], () => ingest(server, owner.token, `Team probe ${crypto.randomUUID()}`, team));

    const first = await ingest(server, owner.token, 'Shared one', team);
    await eventually(async () => transitions(events.values, first), (statuses) => statuses.includes('READY'));
    await server.graphql('mutation ($c: ID!, $u: ID!) { removeCollectionMember(collection: $c, userId: $u) { userId } }', { c: team, u: member.userId }, owner.token);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the feed's reach period
    const second = await ingest(server, owner.token, 'Shared two', team);
    // The owner still receives it; the removed member, who would have had it by now, does not.
    await eventually(async () => transitions(ownerEvents.values, second), (statuses) => statuses.includes('READY'));
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(transitions(events.values, first)).toEqual(['PENDING', 'PROCESSING', 'READY']);
    expect(transitions(events.values, second)).toEqual([]);
  });

  it('refuses bad credentials, anonymous and under-permitted callers, unreadable collections and too many subscriptions', async () => {
    const user = await signUp(server, 'limits');
    const key = await server.graphql<{ createApiKey: { secret: string } }>('mutation { createApiKey(name: "search only", permissions: [SEARCH]) { secret } }', {}, user.token);
    let closedWith: number | undefined;
    const rejected = collect(connect('not-a-valid-token', (code) => (closedWith = code)), STATUS);
    const anonymous = collect(connect(), STATUS);
    const badHeader = collect(connect(), STATUS, {}, { headers: { Authorization: 'Bearer not-a-valid-token' } });
    const goodHeader = collect(connect(), 'subscription { ingestionProgress { ready } }', {}, { headers: { Authorization: `Bearer ${user.token}` } });
    const searchOnly = collect(connect(key.data!.createApiKey.secret), STATUS);
    const elsewhere = collect(connect(user.token), STATUS, { collection: '00000000-0000-4000-8000-000000000000' });
    const admin = collect(connect(user.token), 'subscription { queueProgress { pending } }');
    const crowded = connect(user.token);
    const open = [1, 2, 3, 4].map(() => collect(crowded, STATUS));

    await eventually(async () => [closedWith, badHeader.errors.length, goodHeader.values.length, anonymous.errors.length, searchOnly.errors.length, elsewhere.errors.length, admin.errors.length, open[3]!.errors.length], (state) => state.every((value) => value));
    expect(closedWith).toBe(4403);
    expect(rejected.values).toEqual([]);
    expect([anonymous, searchOnly, elsewhere, admin, open[3]!].map((received) => received.errors[0]?.extensions?.['code'])).toEqual(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN', 'RATE_LIMITED']);
    expect(open.slice(0, 3).map((received) => received.errors)).toEqual([[], [], []]);
    // Per-operation credentials (extensions.headers, as GraphiQL sends them) sign in that subscription alone.
    expect(badHeader.errors[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect([goodHeader.errors, goodHeader.values[0]]).toEqual([[], { ready: 0 }]);
  });

});
