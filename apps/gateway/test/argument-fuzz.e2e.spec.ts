import { testDatabaseTargets } from '@docent/persistence/testing';
import fc from 'fast-check';
import { signUp } from './graphql-client';
import { type GraphQLResponse, type TestGateway, startTestGateway } from './test-gateway';

/** Strings a careless or hostile client sends: any code point, lone surrogates, NUL, SQL and tsquery syntax. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\u0000', '\ud800', '\udc00', '"', "'", '-', '&', '|', '!', ':', '*', '(', '\\', '%'), maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\ud83d', 'x\udfff', "' OR 1=1 --", 'a & !b | c:*', '{"$ne": null}', '🙂'.repeat(50)),
);
const id = fc.oneof(fc.uuid(), text);
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 4 }, text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(text, tie('value'), { maxKeys: 3 })),
})).value;
const jsonObject = fc.dictionary(text, json, { maxKeys: 4 });
const first = fc.integer({ min: -3, max: 150 });
const mode = fc.constantFrom('SEMANTIC', 'KEYWORD', 'HYBRID');
const filter = fc.oneof(
  fc.record({ metadata: fc.record({ path: fc.array(text, { maxLength: 3 }), equals: json }) }),
  fc.record({ metadata: fc.record({ path: fc.array(text, { maxLength: 3 }), in: fc.array(json, { maxLength: 3 }) }) }),
  fc.record({ title: fc.record({ contains: text }) }),
  fc.record({ not: fc.record({ title: fc.record({ equals: text }) }) }),
  fc.record({ createdAt: fc.record({ gte: text }) }),
);
const searchInput = fc.record({ query: text, mode, first, documentIds: fc.option(fc.array(id, { maxLength: 3 }), { nil: undefined }), metadata: fc.option(jsonObject, { nil: undefined }), filter: fc.option(filter, { nil: undefined }) });

type Caller = 'anonymous' | 'user' | 'admin';
interface Operation {
  query: string;
  variables: fc.Arbitrary<Record<string, unknown>>;
  as: Caller;
}

/** Every argument of every operation, fed arbitrary input. */
const OPERATIONS: Record<string, Operation> = {
  register: { as: 'anonymous', query: 'mutation ($input: CredentialsInput!) { register(input: $input) { accessToken } }', variables: fc.record({ input: fc.record({ email: text, password: text }) }) },
  login: { as: 'anonymous', query: 'mutation ($input: CredentialsInput!) { login(input: $input) { accessToken } }', variables: fc.record({ input: fc.record({ email: text, password: text }) }) },
  refreshToken: { as: 'anonymous', query: 'mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', variables: fc.record({ t: text }) },
  logout: { as: 'anonymous', query: 'mutation ($t: String!) { logout(refreshToken: $t) }', variables: fc.record({ t: text }) },
  createApiKey: { as: 'user', query: 'mutation ($name: String!) { createApiKey(name: $name) { secret } }', variables: fc.record({ name: text }) },
  revokeApiKey: { as: 'user', query: 'mutation ($id: ID!) { revokeApiKey(id: $id) }', variables: fc.record({ id }) },
  setUserRole: { as: 'admin', query: 'mutation ($id: ID!, $role: Role!) { setUserRole(userId: $id, role: $role) { id } }', variables: fc.record({ id, role: fc.constantFrom('USER', 'ADMIN') }) },
  users: { as: 'admin', query: 'query ($first: Int!, $after: String) { users(first: $first, after: $after) { nodes { id } } }', variables: fc.record({ first, after: fc.option(text, { nil: undefined }) }) },
  ingestDocuments: {
    as: 'user',
    query: 'mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id } }',
    variables: fc.record({
      inputs: fc.array(
        fc.record({ title: text, content: text, mimeType: fc.oneof(fc.constantFrom('text/plain', 'text/markdown', 'text/html'), text), metadata: fc.option(jsonObject, { nil: undefined }), sourceId: fc.option(text, { nil: undefined }) }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  document: { as: 'user', query: 'query ($id: ID!) { document(id: $id) { id } }', variables: fc.record({ id }) },
  deleteDocument: { as: 'user', query: 'mutation ($id: ID!) { deleteDocument(id: $id) }', variables: fc.record({ id }) },
  reprocessDocument: { as: 'user', query: 'mutation ($id: ID!) { reprocessDocument(id: $id) { id } }', variables: fc.record({ id }) },
  documents: { as: 'user', query: 'query ($first: Int!, $after: String) { documents(first: $first, after: $after) { nodes { id } } }', variables: fc.record({ first, after: fc.option(text, { nil: undefined }) }) },
  search: { as: 'user', query: 'query ($input: SearchInput!) { search(input: $input) { text highlights { start } } }', variables: fc.record({ input: searchInput }) },
  searchDocuments: { as: 'user', query: 'query ($input: DocumentSearchInput!) { searchDocuments(input: $input) { passages { text } } }', variables: fc.record({ input: searchInput }) },
};

const isInternal = (response: GraphQLResponse) => response.status >= 500 || (response.errors ?? []).some((error) => error.extensions['code'] === 'INTERNAL_SERVER_ERROR' || error.extensions['code'] === undefined);

describe.each(testDatabaseTargets())('arbitrary arguments to every operation on $name (fast-check, fixed seed)', (target) => {
  let server: TestGateway;
  const tokens: Record<Caller, string | undefined> = { anonymous: undefined, user: undefined, admin: undefined };
  let ownerId: string;

  beforeAll(async () => {
    server = await startTestGateway(target, { env: { AUTH_RATE_LIMIT_PER_IP: '1000000', AUTH_RATE_LIMIT_PER_EMAIL: '1000000', MAX_DOCUMENT_BYTES: '4096' } });
    const user = await signUp(server, 'fuzz');
    tokens.user = user.token;
    ownerId = user.userId;
    const admin = await signUp(server, 'fuzz-admin');
    await server.database.users.setRole(admin.userId, 'ADMIN');
    tokens.admin = admin.token;
    await server.graphql('mutation { ingestDocument(input: { title: "Tea", content: "Green tea is steeped at 80 degrees." }) { id } }', {}, tokens.user);
  });
  afterAll(() => server?.close());

  it.each(Object.entries(OPERATIONS))('%s answers success or a coded client error, never an internal one, and a refused write leaves nothing behind', async (name, operation) => {
    await fc.assert(
      fc.asyncProperty(operation.variables, async (variables) => {
        const before = (await server.database.documents.list({ userId: ownerId }, { first: 1000 })).length;
        const response = await server.graphql(operation.query, variables, tokens[operation.as]);
        if (isInternal(response)) throw new Error(`${name} answered ${response.status} ${JSON.stringify(response.errors)}`);
        if (response.errors && name === 'ingestDocuments') expect((await server.database.documents.list({ userId: ownerId }, { first: 1000 })).length).toBe(before);
      }),
      { seed: 20261202, numRuns: 40 },
    );
  });
});
