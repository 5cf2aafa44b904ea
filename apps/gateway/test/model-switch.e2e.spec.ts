import { ensureFixtureModel } from '@docent/embeddings/testing';
import { openDatabase } from '@docent/persistence';
import { runSql, testDatabaseTargets } from '@docent/persistence/testing';
import { codeOf, eventually, signUp } from './graphql-client';
import { type TestGateway, startTestGateway } from './test-gateway';

const A = ensureFixtureModel('tiny').modelName;
const B = ensureFixtureModel('tinyWide').modelName;

const MODEL = '{ embeddingModel { name dimension state } }';
const REGISTER = 'mutation ($input: RegisterEmbeddingModelInput!) { registerEmbeddingModel(input: $input) { name dimension state } }';
const PROGRESS_FIELDS = 'startedAt documentsTotal documentsDone chunksDone chunksTotalEstimate failed errors { documentId error } documentsPerSecond etaSeconds complete model { name state }';
const START = `mutation ($model: String!) { startReembedding(model: $model) { ${PROGRESS_FIELDS} } }`;
const PROGRESS = `query ($model: String!) { reembeddingProgress(model: $model) { ${PROGRESS_FIELDS} } }`;
const PROMOTE = 'mutation ($model: String!) { promoteEmbeddingModel(model: $model) { name state activatedAt } }';
const SEARCH = 'query ($input: SearchInput!) { search(input: $input) { chunkId documentId } }';

interface Progress {
  documentsTotal: number;
  documentsDone: number;
  chunksDone: number;
  complete: boolean;
  failed: number;
  documentsPerSecond: number | null;
  model: { name: string; state: string };
}

const NOTES = ['tea is steeped at eighty degrees', 'a loose chain is tightened at the rear wheel', 'lighthouse keepers logged passing ships', 'invoices are payable within thirty days', 'tomatoes need sun and water', 'trains leave every hour from platform two'];

describe.each(testDatabaseTargets())('switching the embedding model over GraphQL on $name', (target) => {
  let server: TestGateway;
  let admin: { token: string; userId: string };
  let user: { token: string; userId: string };

  beforeAll(async () => {
    server = await startTestGateway(target);
    admin = await signUp(server, 'model-admin');
    await server.database.users.setRole(admin.userId, 'ADMIN');
    user = await signUp(server, 'model-user');
    await server.graphql('mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id } }', { inputs: NOTES.map((content, i) => ({ title: `Note ${i}`, content })) }, user.token);
    await eventually(() => server.database.documentQueue.countByStatus(), (counts) => counts.READY === NOTES.length);
  });
  afterAll(() => server?.close());

  /** How many of the user's documents a semantic search finds, and which models' chunks answered. */
  const searchAsUser = async () => {
    const response = await server.graphql<{ search: { chunkId: string; documentId: string }[] }>(SEARCH, { input: { query: 'hot drinks', mode: 'SEMANTIC', first: 100 } }, user.token);
    expect(response.errors).toBeUndefined();
    const hits = response.data!.search;
    const models = await runSql(server.database, (sql) =>
      sql.query<{ name: string }>('SELECT DISTINCT m.name FROM chunks c JOIN embedding_models m ON m.id = c.model_id WHERE c.id = ANY($1::uuid[])', [hits.map((hit) => hit.chunkId)]),
    );
    return { documents: new Set(hits.map((hit) => hit.documentId)).size, models };
  };

  it('refuses what is not an admin’s or not a loadable model, with a clear code', async () => {
    const asUser = await server.graphql(REGISTER, { input: { provider: 'TRANSFORMERS_JS', name: B } }, user.token);
    const escape = await server.graphql(REGISTER, { input: { provider: 'TRANSFORMERS_JS', name: '../../etc/passwd' } }, admin.token);
    const absent = await server.graphql(REGISTER, { input: { provider: 'TRANSFORMERS_JS', name: 'nobody/no-such-model' } }, admin.token);
    const unknown = await server.graphql(START, { model: 'nobody/no-such-model' }, admin.token);
    const active = await server.graphql(START, { model: A }, admin.token);

    expect([asUser, escape, absent, unknown, active].map(codeOf)).toEqual(['FORBIDDEN', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'NOT_FOUND', 'PRECONDITION_FAILED']);
    expect(absent.errors?.[0]?.message).toContain('no-such-model');
    expect(await server.database.embeddingModels.list()).toHaveLength(1);
  });

  it('builds a model in the background with search answered by the active one, promotes it, and rolls back', async () => {
    const registered = await server.graphql(REGISTER, { input: { provider: 'TRANSFORMERS_JS', name: B } }, admin.token);
    expect(registered.data).toEqual({ registerEmbeddingModel: { name: B, dimension: 48, state: 'STANDBY' } });

    // With the worker held, the run is started but has done nothing: promotion is refused, search is whole and on A.
    await server.docent.processor.stop();
    const started = await server.graphql<{ startReembedding: Progress }>(START, { model: B }, admin.token);
    expect(started.data!.startReembedding).toMatchObject({ documentsTotal: NOTES.length, documentsDone: 0, complete: false, model: { name: B, state: 'BUILDING' } });
    const early = await server.graphql(PROMOTE, { model: B }, admin.token);
    expect(codeOf(early)).toBe('PRECONDITION_FAILED');
    expect(early.errors?.[0]?.extensions['missing']).toBe(NOTES.length);
    expect(await searchAsUser()).toEqual({ documents: NOTES.length, models: [{ name: A }] });

    server.docent.processor.start();
    const done = await eventually(
      async () => (await server.graphql<{ reembeddingProgress: Progress }>(PROGRESS, { model: B }, admin.token)).data!.reembeddingProgress,
      (progress) => progress.complete,
    );
    expect(done).toMatchObject({ documentsTotal: NOTES.length, documentsDone: NOTES.length, failed: 0 });
    expect(done.chunksDone).toBeGreaterThanOrEqual(NOTES.length);
    expect(done.documentsPerSecond).toBeGreaterThan(0);
    expect(await searchAsUser()).toEqual({ documents: NOTES.length, models: [{ name: A }] });

    const promoted = await server.graphql(PROMOTE, { model: B }, admin.token);
    expect(promoted.data).toMatchObject({ promoteEmbeddingModel: { name: B, state: 'ACTIVE', activatedAt: expect.any(String) } });
    expect((await server.graphql(MODEL)).data).toEqual({ embeddingModel: { name: B, dimension: 48, state: 'ACTIVE' } });
    expect(await searchAsUser()).toEqual({ documents: NOTES.length, models: [{ name: B }] });
    const ready = await fetch(`${server.gateway.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', embeddingModel: B });

    const rolledBack = await server.graphql('mutation { rollbackEmbeddingModel { name state } }', {}, admin.token);
    expect(rolledBack.data).toEqual({ rollbackEmbeddingModel: { name: A, state: 'ACTIVE' } });
    expect(await searchAsUser()).toEqual({ documents: NOTES.length, models: [{ name: A }] });
    const list = await server.graphql<{ embeddingModels: { name: string; state: string }[] }>('{ embeddingModels { name state } }', {}, admin.token);
    expect(list.data!.embeddingModels).toEqual([
      { name: A, state: 'ACTIVE' },
      { name: B, state: 'STANDBY' },
    ]);
  });

  if (target.name === 'postgres') {
    it('has a second gateway on the same database follow a promotion within a second or two', async () => {
      const url = (server.database as { url?: string }).url!;
      const other = await startTestGateway(target, { env: { DOCUMENT_WORKER: 'false' }, database: await openDatabase({ url, poolMax: 2 }) });
      try {
        expect((await other.graphql(MODEL)).data).toEqual({ embeddingModel: { name: A, dimension: 32, state: 'ACTIVE' } });
        await server.graphql(START, { model: B }, admin.token);
        await eventually(async () => (await server.graphql<{ reembeddingProgress: Progress }>(PROGRESS, { model: B }, admin.token)).data!.reembeddingProgress, (progress) => progress.complete);
        await server.graphql(PROMOTE, { model: B }, admin.token);
        const promotedAt = Date.now();
        await eventually(async () => (await other.graphql<{ embeddingModel: { name: string } }>(MODEL)).data!.embeddingModel.name, (name) => name === B, 5_000);
        expect(Date.now() - promotedAt).toBeLessThan(2_500);
        const found = await other.graphql<{ search: unknown[] }>(SEARCH, { input: { query: 'hot drinks', mode: 'SEMANTIC', first: 100 } }, user.token);
        expect(found.data!.search.length).toBeGreaterThanOrEqual(NOTES.length);
      } finally {
        await other.close();
      }
    });
  }
});
