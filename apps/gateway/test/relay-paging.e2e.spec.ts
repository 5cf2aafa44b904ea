import { testDatabaseTargets } from '@docent/persistence/testing';
import { Client, fetchExchange, gql } from '@urql/core';
import { eventually, signUp } from './graphql-client';
import { type TestGateway, startTestGateway } from './test-gateway';

const DOCUMENTS = gql`
  query Documents($first: Int!, $after: String) {
    documents(first: $first, after: $after) { nodes { id title } pageInfo { hasNextPage endCursor } }
  }
`;
const CHUNKS = gql`
  query Chunks($id: ID!, $first: Int!, $after: String) {
    document(id: $id) { chunks(first: $first, after: $after) { nodes { ordinal } pageInfo { hasNextPage endCursor } } }
  }
`;

interface Connection<Node> {
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe.each(testDatabaseTargets())('paging with a real GraphQL client (urql) on $name', (target) => {
  let server: TestGateway;
  let client: Client;
  let ids: string[];

  beforeAll(async () => {
    server = await startTestGateway(target);
    const { token } = await signUp(server, 'pager');
    client = new Client({
      url: `${server.gateway.url}/graphql`,
      exchanges: [fetchExchange],
      requestPolicy: 'network-only',
      fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    });
    const inputs = Array.from({ length: 5 }, (_, i) => ({ title: `Page ${i}`, content: Array.from({ length: 6 }, (__, p) => `Paragraph ${p} of page ${i} says something long enough to be its own chunk of text here.`).join('\n\n') }));
    const ingested = await client.mutation<{ ingestDocuments: { id: string }[] }>(gql`mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id } }`, { inputs }).toPromise();
    ids = ingested.data!.ingestDocuments.map((document) => document.id);
    await eventually(
      () => client.query<{ documents: Connection<{ id: string }> }>(gql`{ documents(first: 10, status: READY) { nodes { id } } }`, {}).toPromise(),
      (result) => result.data?.documents.nodes.length === 5,
    );
  });
  afterAll(() => server?.close());

  /** Follows endCursor from `after: null` until hasNextPage is false, as generated Relay clients do. */
  async function pageThrough<Node>(fetchPage: (after: string | null) => Promise<Connection<Node>>): Promise<Node[][]> {
    const pages: Node[][] = [];
    let after: string | null = null;
    for (;;) {
      const page = await fetchPage(after);
      pages.push(page.nodes);
      if (!page.pageInfo.hasNextPage) return pages;
      after = page.pageInfo.endCursor;
    }
  }

  it('pages through every document from `after: null`, newest first, each exactly once', async () => {
    const pages = await pageThrough(async (after) => {
      const result = await client.query<{ documents: Connection<{ id: string }> }>(DOCUMENTS, { first: 2, after }).toPromise();
      expect(result.error).toBeUndefined();
      return result.data!.documents;
    });

    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((document) => document.id)).toEqual([...ids].reverse());
  });

  it("pages through a document's chunks from `after: null`, in order", async () => {
    const id = ids[0] as string;
    const all = await client.query<{ document: { chunks: Connection<{ ordinal: number }> } }>(CHUNKS, { id, first: 100, after: null }).toPromise();
    const pages = await pageThrough(async (after) => (await client.query<{ document: { chunks: Connection<{ ordinal: number }> } }>(CHUNKS, { id, first: 1, after }).toPromise()).data!.document.chunks);

    const ordinals = all.data!.document.chunks.nodes.map((chunk) => chunk.ordinal);
    expect(ordinals.length).toBeGreaterThan(1);
    expect(pages.flat().map((chunk) => chunk.ordinal)).toEqual(ordinals);
    expect(ordinals).toEqual([...ordinals].sort((a, b) => a - b));
  });
});
