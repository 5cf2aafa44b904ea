import { Client, fetchExchange, gql } from '@urql/core';
import { pdfWithPages } from '@docent/documents/testing';
import { testDatabaseTargets } from '@docent/persistence/testing';
import { eventually, signUp } from './graphql-client';
import { type TestGateway, startTestGateway } from './test-gateway';

const UPLOAD = 'mutation ($file: Upload!, $input: UploadInput) { uploadDocument(file: $file, input: $input) { id title mimeType sourceId status } }';

interface Uploaded {
  id: string;
  title: string;
  mimeType: string;
  sourceId: string | null;
  status: string;
}

interface Answer {
  status: number;
  body: { data?: { uploadDocument?: Uploaded } | null; errors?: { message: string; extensions: { code: string } }[] };
}

describe.each(testDatabaseTargets())('file uploads (GraphQL multipart requests) on $name', (target) => {
  let server: TestGateway;
  let token: string;

  beforeAll(async () => {
    server = await startTestGateway(target, { env: { MAX_DOCUMENT_BYTES: '20000' } });
    token = (await signUp(server, 'uploader')).token;
  });
  afterAll(() => server?.close());

  /** A multipart request built by hand, as the spec lays it out: operations, map, then the files. */
  async function multipart(parts: { operations: string; map: string; files?: Record<string, File> }, bearer: string | undefined = token): Promise<Answer> {
    const form = new FormData();
    form.append('operations', parts.operations);
    form.append('map', parts.map);
    for (const [name, file] of Object.entries(parts.files ?? {})) form.append(name, file, file.name);
    const response = await fetch(`${server.gateway.url}/graphql`, { method: 'POST', headers: bearer ? { authorization: `Bearer ${bearer}` } : { 'apollo-require-preflight': 'true' }, body: form });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }
  const uploadOne = (file: File, input?: Record<string, unknown>, bearer?: string) =>
    multipart({ operations: JSON.stringify({ query: UPLOAD, variables: { file: null, input } }), map: JSON.stringify({ 0: ['variables.file'] }), files: { 0: file } }, bearer);
  // How many documents there are (earlier tests' documents may still change status meanwhile).
  const stored = async () => Object.values(await server.database.documentQueue.countByStatus()).reduce((sum, count) => sum + count, 0);

  it('stores a PDF sent by a real GraphQL client (urql), and it is searchable with its page numbers', async () => {
    const client = new Client({ url: `${server.gateway.url}/graphql`, exchanges: [fetchExchange], fetchOptions: { headers: { authorization: `Bearer ${token}` } } });
    const page = (topic: string) => Array.from({ length: 8 }, (_, i) => `Line ${i} of the report: ${topic}.`).join('\n');
    const pdf = await pdfWithPages([page('the quay was rebuilt in granite'), page('the signal mast carries storm cones')]);
    const file = new File([new Uint8Array(pdf)], 'harbour-report.pdf', { type: 'application/pdf' });

    const result = await client.mutation<{ uploadDocument: Uploaded }>(gql(UPLOAD), { file, input: { sourceId: 'reports/harbour-report.pdf' } }).toPromise();

    expect(result.error).toBeUndefined();
    expect(result.data?.uploadDocument).toMatchObject({ title: 'harbour-report.pdf', mimeType: 'application/pdf', sourceId: 'reports/harbour-report.pdf', status: 'PENDING' });
    const id = result.data!.uploadDocument.id;
    await eventually(
      () => server.graphql<{ document: { status: string } }>('query ($id: ID!) { document(id: $id) { status } }', { id }, token),
      (response) => response.data?.document.status === 'READY',
    );
    const search = await server.graphql<{ search: { documentId: string; page: number }[] }>('{ search(input: { query: "storm cones", mode: KEYWORD, first: 1 }) { documentId page } }', {}, token);
    expect(search.data!.search).toEqual([{ documentId: id, page: 2 }]);
  });

  it('takes the type from the file name when the client declares none, and the title and type from the input when given', async () => {
    const byName = await uploadOne(new File(['# Tides\n\nThe moon pulls the sea.'], 'tides.md', { type: 'application/octet-stream' }));
    const given = await uploadOne(new File(['<p>Lamps are trimmed at dusk.</p>'], 'page.bin'), { title: 'Lamp care', mimeType: 'text/html' });

    expect(byName.body.data?.uploadDocument).toMatchObject({ title: 'tides.md', mimeType: 'text/markdown' });
    expect(given.body.data?.uploadDocument).toMatchObject({ title: 'Lamp care', mimeType: 'text/html' });
  });

  it.each([
    ['a file over MAX_DOCUMENT_BYTES', () => uploadOne(new File(['word '.repeat(5_000)], 'big.txt')), 200, 'BAD_USER_INPUT', 'more than 20000 bytes'],
    ['text that is not UTF-8', () => uploadOne(new File([new Uint8Array([0x68, 0x69, 0xff, 0xfe])], 'latin1.txt')), 200, 'BAD_USER_INPUT', 'is not UTF-8 text'],
    ['a type Docent does not read', () => uploadOne(new File(['MZ'], 'tool.exe')), 200, 'BAD_USER_INPUT', 'must be one of'],
    ['a file the map names but the request lacks', () => multipart({ operations: JSON.stringify({ query: UPLOAD, variables: { file: null } }), map: JSON.stringify({ 0: ['variables.file'] }) }), 200, 'BAD_USER_INPUT', 'The file did not arrive'],
    ['operations that are not JSON', () => multipart({ operations: '{ not json', map: '{}' }), 400, 'BAD_REQUEST', "Invalid JSON in the 'operations' multipart field"],
    ['a map that names no variable', () => multipart({ operations: JSON.stringify({ query: UPLOAD, variables: { file: null } }), map: JSON.stringify({ 0: ['variables.nope.deeper'] }), files: { 0: new File(['x'], 'x.txt') } }), 400, 'BAD_REQUEST', 'Invalid object path'],
    ['a string where the file goes (plain JSON)', () => fetch(`${server.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: UPLOAD, variables: { file: 'aGVsbG8=' } }) }).then(async (response) => ({ status: response.status, body: (await response.json()) as Answer['body'] })), 400, 'BAD_USER_INPUT', 'Upload value invalid'],
    ['an upload without signing in', () => uploadOne(new File(['hello'], 'hello.txt'), undefined, ''), 200, 'UNAUTHENTICATED', 'Sign in'],
  ])('refuses %s with a clear error, stores nothing and keeps serving', async (_, send, status, code, message) => {
    const before = await stored();

    const answer = await send();

    expect(answer.status).toBe(status);
    expect(answer.body.errors?.[0]).toMatchObject({ extensions: { code }, message: expect.stringContaining(message) });
    expect(await stored()).toEqual(before);
    expect((await server.graphql<{ me: { id: string } }>('{ me { id } }', {}, token)).data?.me.id).toBeDefined();
  });
});
