import { createHash } from 'node:crypto';
import { testDatabaseTargets } from '@docent/persistence/testing';
import { codeOf, eventually, signUp } from './graphql-client';
import { type TestGateway, startTestGateway } from './test-gateway';

const INGEST = `mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id title status } }`;
const DOCUMENT = `query ($id: ID!, $first: Int, $after: String) {
  document(id: $id) { id title status attempts chunkCount error processedAt chunks(first: $first, after: $after) { nodes { ordinal text tokenCount charStart charEnd } pageInfo { hasNextPage endCursor } } }
}`;
const SEARCH = `query ($input: SearchInput!) { search(input: $input) { rank score text documentId document { id title } } }`;

interface DocumentData {
  id: string;
  title: string;
  status: string;
  attempts: number;
  chunkCount: number;
  error: string | null;
  processedAt: string | null;
  chunks: { nodes: { ordinal: number; text: string; tokenCount: number; charStart: number; charEnd: number }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface SearchData {
  search: { rank: number; score: number; text: string; documentId: string; document: { id: string; title: string } | null }[];
}

const LONG_PARAGRAPHS = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} tells how lighthouse keepers trimmed wicks and logged passing ships through long winter nights.`).join('\n\n');
const DOCUMENTS = [
  { title: 'Tea', content: 'Green tea is steeped at eighty degrees for two minutes; boiling water makes it bitter.', metadata: { topic: 'drinks' } },
  { title: 'Bicycles', content: '# Repairs\n\nA loose **chain** is tightened by sliding the rear wheel back in its dropouts.', mimeType: 'text/markdown' },
  { title: 'Lighthouses', content: `<h1>Keepers</h1>${LONG_PARAGRAPHS.split('\n\n').map((p) => `<p>${p}</p>`).join('')}`, mimeType: 'text/html', sourceId: 'lighthouse-1' },
];

describe.each(testDatabaseTargets())('documents over HTTP on $name', (target) => {
  let server: TestGateway;

  beforeAll(async () => {
    server = await startTestGateway(target);
  });
  afterAll(() => server?.close());

  const documentOf = async (token: string, id: string, page: { first?: number; after?: string } = {}) =>
    server.graphql<{ document: DocumentData }>(DOCUMENT, { id, ...page }, token);
  const untilReady = (token: string, id: string) =>
    eventually(
      () => documentOf(token, id),
      (response) => response.data?.document.status === 'READY',
    );

  it('ingests three documents in one mutation, processes them, finds the right one, and forgets it once deleted', async () => {
    const { token } = await signUp(server, 'reader');

    const ingested = await server.graphql<{ ingestDocuments: { id: string; title: string; status: string }[] }>(INGEST, { inputs: DOCUMENTS }, token);
    expect(ingested.errors).toBeUndefined();
    const ids = ingested.data!.ingestDocuments.map((document) => document.id);
    expect(ingested.data!.ingestDocuments.map(({ title, status }) => ({ title, status }))).toEqual(DOCUMENTS.map(({ title }) => ({ title, status: 'PENDING' })));

    const ready = await Promise.all(ids.map((id) => untilReady(token, id)));
    for (const response of ready) {
      const document = response.data!.document;
      expect(document).toMatchObject({ status: 'READY', attempts: 1, error: null, processedAt: expect.any(String) });
      expect(document.chunkCount).toBeGreaterThan(0);
    }

    const search = await server.graphql<SearchData>(SEARCH, { input: { query: 'how do I tighten a loose chain?', first: 3 } }, token);
    expect(search.errors).toBeUndefined();
    expect(search.data!.search[0]).toMatchObject({ rank: 1, documentId: ids[1], document: { id: ids[1], title: 'Bicycles' } });
    expect(search.data!.search[0]!.text).toContain('chain');

    const deleted = await server.graphql<{ deleteDocument: string }>('mutation ($id: ID!) { deleteDocument(id: $id) }', { id: ids[1] }, token);
    expect(deleted.data).toEqual({ deleteDocument: ids[1] });

    const after = await server.graphql<SearchData>(SEARCH, { input: { query: 'how do I tighten a loose chain?', first: 10 } }, token);
    expect(after.data!.search.map((hit) => hit.documentId)).not.toContain(ids[1]);
    expect(codeOf(await documentOf(token, ids[1]!))).toBe('NOT_FOUND');
  });

  it('pages through a document’s chunks in order, with offsets into its plain text', async () => {
    const { token } = await signUp(server, 'pager');
    const ingested = await server.graphql<{ ingestDocuments: { id: string }[] }>(INGEST, { inputs: [DOCUMENTS[2]] }, token);
    const id = ingested.data!.ingestDocuments[0]!.id;
    const { chunkCount } = (await untilReady(token, id)).data!.document;
    expect(chunkCount).toBeGreaterThan(3);

    const seen: DocumentData['chunks']['nodes'] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await documentOf(token, id, { first: 2, after })).data!.document.chunks;
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }

    expect(seen.map((chunk) => chunk.ordinal)).toEqual(Array.from({ length: chunkCount }, (_, i) => i));
    for (const chunk of seen) {
      expect(chunk.charEnd).toBeGreaterThan(chunk.charStart);
      expect(chunk.tokenCount).toBeGreaterThan(0);
      expect(chunk.text).not.toMatch(/<\/?p>/);
    }
  });

  it('lists documents newest first as a cursor connection, filtered by status', async () => {
    const { token } = await signUp(server, 'lister');
    const inputs = Array.from({ length: 5 }, (_, i) => ({ title: `Note ${i}`, content: `Note number ${i} about nothing in particular.` }));
    const ids = (await server.graphql<{ ingestDocuments: { id: string }[] }>(INGEST, { inputs }, token)).data!.ingestDocuments.map((d) => d.id);
    await Promise.all(ids.map((id) => untilReady(token, id)));
    const LIST = 'query ($first: Int, $after: String, $status: DocumentStatus) { documents(first: $first, after: $after, status: $status) { nodes { id title } pageInfo { hasNextPage endCursor } } }';
    type ListData = { documents: { nodes: { id: string; title: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

    const first = await server.graphql<ListData>(LIST, { first: 3 }, token);
    const second = await server.graphql<ListData>(LIST, { first: 3, after: first.data!.documents.pageInfo.endCursor }, token);
    const failed = await server.graphql<ListData>(LIST, { status: 'FAILED' }, token);

    const listed = [...first.data!.documents.nodes, ...second.data!.documents.nodes].map((node) => node.id);
    expect(new Set(listed)).toEqual(new Set(ids));
    expect(listed).toHaveLength(5);
    expect(first.data!.documents.pageInfo.hasNextPage).toBe(true);
    expect(second.data!.documents.pageInfo.hasNextPage).toBe(false);
    expect(failed.data!.documents.nodes).toEqual([]);
  });

  it('finds documents by source id, each with the hash a sync client compares its files with', async () => {
    const { token } = await signUp(server, 'syncer');
    const inputs = ['a.md', 'b.md', 'c.md'].map((sourceId) => ({ title: sourceId, sourceId, content: `# ${sourceId}\n\nThe file called ${sourceId}.`, mimeType: 'text/markdown' }));
    await server.graphql(INGEST, { inputs }, token);
    const BY_SOURCE = 'query ($ids: [String!]) { documents(sourceIds: $ids) { nodes { sourceId contentHash } } }';

    const found = await server.graphql<{ documents: { nodes: { sourceId: string; contentHash: string }[] } }>(BY_SOURCE, { ids: ['c.md', ' a.md ', 'missing.md', ''] }, token);
    const stranger = await signUp(server, 'stranger');
    const theirs = await server.graphql<{ documents: { nodes: unknown[] } }>(BY_SOURCE, { ids: ['a.md'] }, stranger.token);

    const expectedHash = (input: (typeof inputs)[number]) => createHash('sha256').update(`${input.mimeType}\n${input.content}`).digest('hex');
    expect(found.errors).toBeUndefined();
    expect(found.data!.documents.nodes.sort((x, y) => x.sourceId.localeCompare(y.sourceId))).toEqual([
      { sourceId: 'a.md', contentHash: expectedHash(inputs[0]!) },
      { sourceId: 'c.md', contentHash: expectedHash(inputs[2]!) },
    ]);
    expect(theirs.data!.documents.nodes).toEqual([]);
  });

  it('reprocesses a READY document: back to PENDING, then READY again with the same chunks', async () => {
    const { token } = await signUp(server, 'reprocessor');
    const id = (await server.graphql<{ ingestDocuments: { id: string }[] }>(INGEST, { inputs: [DOCUMENTS[0]] }, token)).data!.ingestDocuments[0]!.id;
    const before = (await untilReady(token, id)).data!.document;

    const requeued = await server.graphql<{ reprocessDocument: { status: string } }>('mutation ($id: ID!) { reprocessDocument(id: $id) { status } }', { id }, token);
    const after = (await untilReady(token, id)).data!.document;

    expect(requeued.data).toEqual({ reprocessDocument: { status: 'PENDING' } });
    expect(after.chunkCount).toBe(before.chunkCount);
    expect(after.chunks.nodes.map((chunk) => chunk.text)).toEqual(before.chunks.nodes.map((chunk) => chunk.text));
    expect(Date.parse(after.processedAt!)).toBeGreaterThan(Date.parse(before.processedAt!));
  });

  it('loads the documents of all search results with one batched lookup', async () => {
    const { token } = await signUp(server, 'batcher');
    const inputs = Array.from({ length: 6 }, (_, i) => ({ title: `Harbour ${i}`, content: `Harbour ${i}: the ferry leaves the harbour at ${i + 6} o'clock.` }));
    const ids = (await server.graphql<{ ingestDocuments: { id: string }[] }>(INGEST, { inputs }, token)).data!.ingestDocuments.map((d) => d.id);
    await Promise.all(ids.map((id) => untilReady(token, id)));
    const findMany = jest.spyOn(server.docent.documents.library, 'findMany');

    const search = await server.graphql<SearchData>(SEARCH, { input: { query: 'ferry harbour', first: 6, mode: 'KEYWORD' } }, token);

    expect(new Set(search.data!.search.map((hit) => hit.document?.id))).toEqual(new Set(ids));
    expect(findMany).toHaveBeenCalledTimes(1);
    findMany.mockRestore();
  });

  it("loads every listed document's content and chunks with one query per field", async () => {
    const { token } = await signUp(server, 'lister-with-chunks');
    const inputs = Array.from({ length: 4 }, (_, i) => ({ title: `Log ${i}`, content: `${LONG_PARAGRAPHS} Entry ${i}.` }));
    const ids = (await server.graphql<{ ingestDocuments: { id: string }[] }>(INGEST, { inputs }, token)).data!.ingestDocuments.map((d) => d.id);
    await Promise.all(ids.map((id) => untilReady(token, id)));
    const { library } = server.docent.documents;
    const contents = jest.spyOn(library, 'contents');
    const chunkPages = jest.spyOn(library, 'chunksOfMany');

    const listed = await server.graphql<{ documents: { nodes: { title: string; content: string; chunks: { nodes: { ordinal: number }[]; pageInfo: { hasNextPage: boolean } } }[] } }>(
      '{ documents(first: 10) { nodes { title content chunks(first: 2) { nodes { ordinal } pageInfo { hasNextPage } } } } }',
      {},
      token,
    );

    expect(listed.errors).toBeUndefined();
    for (const node of listed.data!.documents.nodes) {
      expect(node.content).toContain(`Entry ${node.title.slice(4)}.`);
      expect(node.chunks).toEqual({ nodes: [{ ordinal: 0 }, { ordinal: 1 }], pageInfo: { hasNextPage: true } });
    }
    expect(listed.data!.documents.nodes).toHaveLength(4);
    expect(contents).toHaveBeenCalledTimes(1);
    expect(chunkPages).toHaveBeenCalledTimes(1);
    contents.mockRestore();
    chunkPages.mockRestore();
  });

  it("refuses every query and mutation on another user's documents, and anonymous callers", async () => {
    const owner = await signUp(server, 'owner');
    const other = await signUp(server, 'other');
    const id = (await server.graphql<{ ingestDocuments: { id: string }[] }>(INGEST, { inputs: [DOCUMENTS[0]] }, owner.token)).data!.ingestDocuments[0]!.id;
    await untilReady(owner.token, id);

    const asOther = {
      document: await documentOf(other.token, id),
      delete: await server.graphql('mutation ($id: ID!) { deleteDocument(id: $id) }', { id }, other.token),
      reprocess: await server.graphql('mutation ($id: ID!) { reprocessDocument(id: $id) { id } }', { id }, other.token),
      search: await server.graphql<SearchData>(SEARCH, { input: { query: 'green tea steeped', mode: 'KEYWORD' } }, other.token),
      searchWithin: await server.graphql<SearchData>(SEARCH, { input: { query: 'tea', documentIds: [id] } }, other.token),
      list: await server.graphql<{ documents: { nodes: unknown[] } }>('{ documents { nodes { id } } }', {}, other.token),
      stats: await server.graphql('{ ingestionStats { pending } }', {}, other.token),
      reembed: await server.graphql('mutation ($model: String!) { startReembedding(model: $model) { complete } }', { model: 'any' }, other.token),
    };
    expect(codeOf(asOther.document)).toBe('NOT_FOUND');
    expect(codeOf(asOther.delete)).toBe('NOT_FOUND');
    expect(codeOf(asOther.reprocess)).toBe('NOT_FOUND');
    expect(asOther.search.data).toEqual({ search: [] });
    expect(asOther.searchWithin.data).toEqual({ search: [] });
    expect(asOther.list.data).toEqual({ documents: { nodes: [] } });
    expect(codeOf(asOther.stats)).toBe('FORBIDDEN');
    expect(codeOf(asOther.reembed)).toBe('FORBIDDEN');

    const anonymous = [
      await server.graphql(DOCUMENT, { id }),
      await server.graphql('{ documents { nodes { id } } }'),
      await server.graphql(SEARCH, { input: { query: 'tea' } }),
      await server.graphql(INGEST, { inputs: [DOCUMENTS[0]] }),
      await server.graphql('mutation ($id: ID!) { deleteDocument(id: $id) }', { id }),
      await server.graphql('mutation ($id: ID!) { reprocessDocument(id: $id) { id } }', { id }),
      await server.graphql('{ ingestionStats { pending } }'),
    ];
    expect(anonymous.map(codeOf)).toEqual(anonymous.map(() => 'UNAUTHENTICATED'));

    const stillThere = await documentOf(owner.token, id);
    expect(stillThere.data!.document).toMatchObject({ id, status: 'READY' });
  });

  it('gives admins the queue statistics and the embedding models', async () => {
    const admin = await signUp(server, 'admin');
    // Roles are read from the database on every request, so the token needs no refresh.
    await server.database.users.setRole(admin.userId, 'ADMIN');

    const stats = await server.graphql<{ ingestionStats: Record<string, number> }>('{ ingestionStats { pending processing ready failed oldestDueSeconds } }', {}, admin.token);
    const models = await server.graphql<{ embeddingModels: { name: string; state: string }[] }>('{ embeddingModels { name state } }', {}, admin.token);

    expect(stats.errors).toBeUndefined();
    expect(stats.data!.ingestionStats['ready']).toBeGreaterThan(0);
    expect(stats.data!.ingestionStats['oldestDueSeconds']).toBeGreaterThanOrEqual(0);
    expect(models.data!.embeddingModels).toContainEqual({ name: (await server.docent.models.active()).model.name, state: 'ACTIVE' });
  });
});

describe.each(testDatabaseTargets())('quotas over HTTP on $name', (target) => {
  let server: TestGateway;

  beforeAll(async () => {
    server = await startTestGateway(target, { env: { QUOTA_DOCUMENTS_PER_USER: '2', DOCUMENT_WORKER: 'false' } });
  });
  afterAll(() => server?.close());

  it('shows each user their use and quota, and refuses an ingest over it as QUOTA_EXCEEDED with the limit and the use, writing nothing', async () => {
    const user = await signUp(server, 'quota');
    const usage = async () => (await server.graphql<{ storageUsage: Record<string, number | null> }>('{ storageUsage { documents bytes documentLimit byteLimit } }', {}, user.token)).data!.storageUsage;
    expect(await usage()).toEqual({ documents: 0, bytes: 0, documentLimit: 2, byteLimit: null });

    const stored = await server.graphql(INGEST, { inputs: [{ title: 'One', content: 'First note.' }] }, user.token);
    const over = await server.graphql(INGEST, { inputs: [{ title: 'Two', content: 'Second note.' }, { title: 'Three', content: 'Third note.' }] }, user.token);

    expect(stored.errors).toBeUndefined();
    expect(codeOf(over)).toBe('QUOTA_EXCEEDED');
    expect(over.errors?.[0]?.extensions).toMatchObject({ limit: 2, used: 1, resource: 'documents' });
    expect(await usage()).toEqual({ documents: 1, bytes: Buffer.byteLength('First note.'), documentLimit: 2, byteLimit: null });
  });
});
