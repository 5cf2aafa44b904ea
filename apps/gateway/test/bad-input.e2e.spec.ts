import { testDatabaseTargets } from '@docent/persistence/testing';
import { signUp } from './graphql-client';
import { type TestGateway, startTestGateway } from './test-gateway';

const LIMITS = { MAX_REQUEST_BYTES: '262144', MAX_DOCUMENT_BYTES: '4096', MAX_DOCUMENTS_PER_CALL: '5', MAX_QUERY_DEPTH: '3', MAX_QUERY_COST: '2000' };
const INGEST = 'mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id } }';
const note = (i: number) => ({ title: `Note ${i}`, content: `Note ${i}` });

interface Case {
  name: string;
  /** The raw request body, or a GraphQL request to send as JSON. */
  body: string | Buffer | { query: string; variables?: Record<string, unknown> };
  status: number;
  code: string;
  message?: RegExp;
}

const CASES: Case[] = [
  { name: 'an empty body', body: '', status: 400, code: 'BAD_REQUEST' },
  { name: 'malformed JSON', body: '{"query": "{ me { id } ', status: 400, code: 'BAD_REQUEST' },
  { name: 'bytes that are not UTF-8', body: Buffer.concat([Buffer.from('{"query": "{ me { id } }", "x": "'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]), status: 400, code: 'BAD_REQUEST', message: /UTF-8/ },
  { name: 'an empty query', body: { query: '' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'a body over MAX_REQUEST_BYTES', body: { query: INGEST, variables: { inputs: [{ title: 'Big', content: 'x'.repeat(300_000) }] } }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'a document over MAX_DOCUMENT_BYTES', body: { query: INGEST, variables: { inputs: [note(1), { title: 'Big', content: 'é'.repeat(2_100) }] } }, status: 200, code: 'BAD_USER_INPUT', message: /documents\[1\]\.content: 4200 bytes, more than the limit of 4096/ },
  { name: 'more documents than MAX_DOCUMENTS_PER_CALL', body: { query: INGEST, variables: { inputs: Array.from({ length: 6 }, (_, i) => note(i)) } }, status: 200, code: 'BAD_USER_INPUT', message: /At most 5 documents/ },
  { name: 'no documents', body: { query: INGEST, variables: { inputs: [] } }, status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an empty title and content', body: { query: INGEST, variables: { inputs: [{ title: ' ', content: '' }] } }, status: 200, code: 'BAD_USER_INPUT', message: /title: must not be empty.*content: must not be empty/ },
  { name: 'an unsupported MIME type', body: { query: INGEST, variables: { inputs: [{ ...note(1), mimeType: 'application/msword' }] } }, status: 200, code: 'BAD_USER_INPUT', message: /mimeType/ },
  { name: 'an unpaired surrogate in the content', body: { query: INGEST, variables: { inputs: [{ title: 'Broken', content: 'half of a pair: \ud83d.' }] } }, status: 400, code: 'BAD_USER_INPUT', message: /^inputs\[0\]\.content is not valid Unicode/ },
  { name: 'a NUL character in the content', body: { query: INGEST, variables: { inputs: [{ title: 'Nul', content: 'a\u0000b' }] } }, status: 400, code: 'BAD_USER_INPUT', message: /^inputs\[0\]\.content contains a NUL character/ },
  { name: 'a NUL character in a metadata key', body: { query: INGEST, variables: { inputs: [{ ...note(1), metadata: { 'a\u0000b': 1 } }] } }, status: 400, code: 'BAD_USER_INPUT', message: /^a key of inputs\[0\]\.metadata contains a NUL/ },
  { name: 'a NUL character in a literal search query', body: { query: '{ search(input: { query: "tea\\u0000" }) { rank } }' }, status: 400, code: 'BAD_USER_INPUT', message: /^input\.query contains a NUL/ },
  { name: 'metadata that is not an object', body: { query: INGEST, variables: { inputs: [{ ...note(1), metadata: [1, 2] }] } }, status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a string where an Int goes', body: { query: 'query ($first: Int) { documents(first: $first) { nodes { id } } }', variables: { first: 'ten' } }, status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a page size over 100', body: { query: '{ documents(first: 101) { nodes { id } } }' }, status: 200, code: 'BAD_USER_INPUT', message: /between 1 and 100/ },
  { name: 'a forged cursor', body: { query: '{ documents(after: "bm90IGEgY3Vyc29y") { nodes { id } } }' }, status: 200, code: 'BAD_USER_INPUT', message: /Invalid cursor/ },
  { name: 'an id that is not a document id', body: { query: '{ document(id: "1; DROP TABLE documents") { id } }' }, status: 200, code: 'NOT_FOUND' },
  { name: 'an empty search', body: { query: '{ search(input: { query: "   " }) { rank } }' }, status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a search within a malformed document id', body: { query: '{ search(input: { query: "tea", documentIds: ["nope"] }) { rank } }' }, status: 200, code: 'BAD_USER_INPUT' },
  { name: 'an unknown field', body: { query: '{ documents { nodes { id secretColumn } } }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /secretColumn/ },
  { name: 'a query deeper than MAX_QUERY_DEPTH', body: { query: '{ documents { nodes { chunks { nodes { text } } } } }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /exceeds maximum operation depth of 3/ },
  { name: 'a query nested 900 levels (under the token limit)', body: { query: `{ ${'a { '.repeat(900)}b${' }'.repeat(900)} }` }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /exceeds maximum operation depth/ },
  { name: 'a query nested 3,000 levels (over the token limit)', body: { query: `{ ${'a { '.repeat(3_000)}b${' }'.repeat(3_000)} }` }, status: 400, code: 'GRAPHQL_PARSE_FAILED', message: /more tha[nt] 3000 tokens/ },
  { name: '10,000 aliases', body: { query: `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }` }, status: 400, code: 'GRAPHQL_PARSE_FAILED', message: /tokens/ },
  { name: 'a query over MAX_QUERY_COST', body: { query: `{ ${Array.from({ length: 25 }, (_, i) => `s${i}: search(input: { query: "tea", first: 100 }) { text }`).join(' ')} }` }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Query cost \d+ exceeds the limit of 2000/ },
  { name: 'a fragment that spreads itself', body: { query: 'query { ...A } fragment A on Query { ...A }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Cannot spread fragment "A" within itself/ },
  {
    name: '25 fragments each spreading the previous one twice (1 KB, 2^24 fields)',
    body: { query: `{ ...F24 } fragment F0 on Query { __typename } ${Array.from({ length: 24 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(' ')}` },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /asks for 16777216 fields once its fragments are expanded, more than the limit of 2000/,
  },
  {
    name: 'a query over MAX_QUERY_COST inside fragments',
    body: { query: `{ ...S } fragment S on Query { ...T } fragment T on Query { ${Array.from({ length: 25 }, (_, i) => `s${i}: search(input: { query: "tea", first: 100 }) { text }`).join(' ')} }` },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /Query cost \d+ exceeds the limit of 2000/,
  },
  { name: 'a syntax error', body: { query: '{ documents { nodes { id }' }, status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  {
    name: 'documents by 101 source ids',
    body: { query: 'query ($ids: [String!]) { documents(sourceIds: $ids) { nodes { id } } }', variables: { ids: Array.from({ length: 101 }, (_, i) => `file-${i}.md`) } },
    status: 200,
    code: 'BAD_USER_INPUT',
    message: /sourceIds. takes at most 100/,
  },
  {
    name: 'a search filter nested 5,000 levels in the variables',
    body: `{"query": "query ($input: SearchInput!) { search(input: $input) { rank } }", "variables": {"input": {"query": "tea", "filter": ${'{"not":'.repeat(5_000)}{"title":{"equals":"x"}}${'}'.repeat(5_000)}}}}`,
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /deeper than 32 levels/,
  },
  { name: 'a search filter nested 10 levels', body: { query: 'query ($input: SearchInput!) { search(input: $input) { rank } }', variables: { input: { query: 'tea', filter: JSON.parse(`${'{"not":'.repeat(10)}{"title":{"equals":"x"}}${'}'.repeat(10)}`) } } }, status: 200, code: 'BAD_USER_INPUT', message: /nests deeper than 6 levels/ },
];

describe.each(testDatabaseTargets())('bad input over HTTP on $name', (target) => {
  let server: TestGateway;
  let token: string;

  beforeAll(async () => {
    server = await startTestGateway(target, { env: LIMITS });
    ({ token } = await signUp(server, 'bad-input'));
  });
  afterAll(() => server?.close());

  /** A POST to /graphql as the signed-in user, with a body sent as given. */
  async function post(body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body,
    });
    return { status: response.status, payload: (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] } };
  }

  const documentCount = async () =>
    (await server.graphql<{ documents: { nodes: unknown[] } }>('{ documents(first: 100) { nodes { id } } }', {}, token)).data!.documents.nodes.length;

  it.each(CASES)('answers $name with $code, writes nothing, and keeps serving', async ({ body, status, code, message }) => {
    const before = await documentCount();

    const response = await post(typeof body === 'string' ? body : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body));
    const { payload } = response;

    expect({ status: response.status, code: payload.errors?.[0]?.extensions['code'] }).toEqual({ status, code });
    if (message) expect(payload.errors?.[0]?.message).toMatch(message);
    expect(JSON.stringify(payload)).not.toMatch(/\bat \S+\.(ts|js):\d+|SELECT|INSERT|prisma/i);
    expect(await documentCount()).toBe(before);
    const alive = await server.graphql<{ serverInfo: { version: string } }>('{ serverInfo { version } }');
    expect(alive.data?.serverInfo.version).toEqual(expect.any(String));
  });

  it('refuses a query with a bad literal every time it is sent, not only when its text is first parsed', async () => {
    const body = JSON.stringify({ query: '{ search(input: { query: "coffee\\u0000" }) { rank } }' });
    for (let i = 0; i < 3; i++) {
      const response = await post(body);
      expect({ status: response.status, code: response.payload.errors?.[0]?.extensions['code'] }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    }
  });

  it('reports a bug as INTERNAL_SERVER_ERROR without details, and logs it with the request id', async () => {
    const library = server.docent.documents.library;
    const list = jest.spyOn(library, 'list').mockRejectedValueOnce(new Error('relation "documents" is on fire at SELECT'));

    const { payload } = await post(JSON.stringify({ query: '{ documents { nodes { id } } }' }), { 'x-request-id': 'bug-report-1' });
    list.mockRestore();

    expect(payload.errors).toEqual([{ message: 'Internal server error', path: ['documents'], locations: expect.any(Array), extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    const logged = server.logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'unexpected error in a GraphQL operation');
    expect(logged).toMatchObject({ requestId: 'bug-report-1', err: { message: 'relation "documents" is on fire at SELECT' } });
  });

  it('answers a failure before any resolver (the viewer lookup) with a generic 500, logged with the request id', async () => {
    const resolve = jest.spyOn(server.docent.auth.authenticator, 'authenticate').mockRejectedValueOnce(new Error('connect ECONNREFUSED while running SELECT'));

    const response = await post(JSON.stringify({ query: '{ me { id } }' }), { 'x-request-id': 'viewer-failure-1' });
    const { payload } = response;
    resolve.mockRestore();

    expect(response.status).toBe(500);
    expect(payload.errors).toEqual([{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    const logged = server.logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'resolving the viewer failed');
    expect(logged).toMatchObject({ reqId: 'viewer-failure-1', err: { message: 'connect ECONNREFUSED while running SELECT' } });
    expect((await server.graphql('{ me { id } }', {}, token)).errors).toBeUndefined();
  });
});
