import { testDatabaseTargets } from '@docent/persistence/testing';
import { codeOf, eventually, signUp } from './graphql-client';
import { type TestGateway, startTestGateway } from './test-gateway';

const INGEST = `mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id title } }`;
const SEARCH_DOCUMENTS = `query ($input: DocumentSearchInput!) {
  searchDocuments(input: $input) { documentId rank score document { title } passages { chunkId documentId rank text highlights { start end } } }
}`;
const SEARCH = `query ($input: SearchInput!) { search(input: $input) { documentId text document { title } } }`;

interface DocumentResult {
  documentId: string;
  rank: number;
  score: number;
  document: { title: string };
  passages: { chunkId: string; documentId: string; rank: number; text: string; highlights: { start: number; end: number }[] }[];
}

const KEEPERS = Array.from({ length: 10 }, (_, i) => `Lighthouse keepers trimmed the wicks on night ${i} and logged every passing ship.`).join('\n\n');
const DOCUMENTS = [
  { title: 'Keepers log', content: KEEPERS, metadata: { year: 1890, kind: 'log', published: '1890-05-01' } },
  { title: 'Keepers manual', content: 'A manual for lighthouse keepers: wicks, lenses and fog signals.', metadata: { year: 1920, kind: 'manual', published: '1920-01-15' } },
  { title: 'Tea', content: 'Green tea is steeped at eighty degrees for two minutes.', metadata: { year: 2001, kind: 'recipe' } },
  { title: 'Bicycles', content: 'A loose chain is tightened by sliding the rear wheel back.', metadata: { kind: 'manual' } },
];

describe.each(testDatabaseTargets())('search over HTTP on $name', (target) => {
  let server: TestGateway;
  let token: string;

  beforeAll(async () => {
    server = await startTestGateway(target);
    ({ token } = await signUp(server, 'searcher'));
    const ingested = await server.graphql<{ ingestDocuments: { id: string }[] }>(INGEST, { inputs: DOCUMENTS }, token);
    const ids = ingested.data!.ingestDocuments.map((document) => document.id);
    await eventually(
      () => server.graphql<{ documents: { nodes: { status: string }[] } }>('{ documents(status: READY) { nodes { status } } }', {}, token),
      (response) => response.data?.documents.nodes.length === ids.length,
    );
  });
  afterAll(() => server?.close());

  const searchDocuments = (input: Record<string, unknown>) => server.graphql<{ searchDocuments: DocumentResult[] }>(SEARCH_DOCUMENTS, { input }, token);
  const titlesFor = async (filter: unknown) => {
    const response = await server.graphql<{ search: { document: { title: string } }[] }>(SEARCH, { input: { query: 'keepers wicks tea chain', mode: 'KEYWORD', first: 50, filter } }, token);
    expect(response.errors).toBeUndefined();
    return [...new Set(response.data!.search.map((hit) => hit.document.title))].sort();
  };

  it.each(['KEYWORD', 'SEMANTIC', 'HYBRID'])('returns distinct documents in %s mode, `first` counting documents, each with its best passages', async (mode) => {
    const response = await searchDocuments({ query: 'what did lighthouse keepers do at night?', mode, first: 3, passages: 2 });

    expect(response.errors).toBeUndefined();
    const results = response.data!.searchDocuments;
    // Only two documents hold any of the words; by meaning, every document is some distance away.
    const expected = mode === 'KEYWORD' ? 2 : 3;
    expect(results).toHaveLength(expected);
    expect(new Set(results.map((result) => result.documentId)).size).toBe(expected);
    expect(results.map((result) => result.rank)).toEqual([1, 2, 3].slice(0, expected));
    for (const result of results) {
      expect(result.passages.length).toBeGreaterThanOrEqual(1);
      expect(result.passages.length).toBeLessThanOrEqual(2);
      expect(result.passages.every((passage) => passage.documentId === result.documentId)).toBe(true);
    }
    if (mode === 'KEYWORD') {
      expect(results.slice(0, 2).map((result) => result.document.title).sort()).toEqual(['Keepers log', 'Keepers manual']);
      expect(results[0]?.passages).toHaveLength(2);
    }
  });

  it('highlights the query words as stemmed matches, by offsets into the passage text', async () => {
    const response = await searchDocuments({ query: 'lighthouse keeper wick', mode: 'KEYWORD', first: 1, passages: 1 });

    const passage = response.data!.searchDocuments[0]!.passages[0]!;
    const marked = passage.highlights.map(({ start, end }) => passage.text.slice(start, end).toLowerCase());
    expect(marked.length).toBeGreaterThanOrEqual(3);
    expect(new Set(marked)).toEqual(new Set(['lighthouse', 'keepers', 'wicks']));
    passage.highlights.forEach(({ start, end }, i) => {
      expect(end).toBeGreaterThan(start);
      if (i > 0) expect(start).toBeGreaterThanOrEqual(passage.highlights[i - 1]!.end);
    });
  });

  it('marks the same words in a chunk whichever mode found it, through aliases and fragments too', async () => {
    // SEMANTIC and KEYWORD mark them in the search's own statement, HYBRID in a query of its own afterwards.
    const query = `query ($input: SearchInput!) { search(input: $input) { chunkId text ...Marks } }
      fragment Marks on SearchResult { spans: highlights { start end } }`;
    const marksByMode = new Map<string, Map<string, string[]>>();
    for (const mode of ['KEYWORD', 'SEMANTIC', 'HYBRID']) {
      const response = await server.graphql<{ search: { chunkId: string; text: string; spans: { start: number; end: number }[] }[] }>(
        query,
        { input: { query: 'lighthouse keeper wick', mode, first: 20 } },
        token,
      );
      expect(response.errors).toBeUndefined();
      marksByMode.set(mode, new Map(response.data!.search.map((hit) => [hit.chunkId, hit.spans.map(({ start, end }) => hit.text.slice(start, end).toLowerCase())])));
    }
    const keyword = marksByMode.get('KEYWORD')!;
    expect([...keyword.values()].flat().sort()).toEqual(expect.arrayContaining(['keepers', 'lighthouse', 'wicks']));
    for (const mode of ['SEMANTIC', 'HYBRID']) {
      for (const [chunkId, marks] of marksByMode.get(mode)!) {
        // A chunk without the words has no marks; one keyword search found has the same marks.
        expect(marks).toEqual(keyword.get(chunkId) ?? []);
      }
    }
  });

  it('filters by metadata, title and time with and / or / not', async () => {
    expect(await titlesFor({ metadata: { path: ['year'], number: { gte: 1900 } } })).toEqual(['Keepers manual', 'Tea']);
    expect(await titlesFor({ metadata: { path: ['kind'], in: ['log', 'recipe'] } })).toEqual(['Keepers log', 'Tea']);
    expect(await titlesFor({ metadata: { path: ['published'], date: { lt: '1900-01-01T00:00:00Z' } } })).toEqual(['Keepers log']);
    expect(await titlesFor({ metadata: { path: ['year'], exists: false } })).toEqual(['Bicycles']);
    expect(await titlesFor({ title: { contains: 'KEEPERS' }, not: { metadata: { path: ['kind'], equals: 'log' } } })).toEqual(['Keepers manual']);
    expect(await titlesFor({ or: [{ title: { equals: 'Tea' } }, { and: [{ metadata: { path: ['kind'], equals: 'manual' } }, { metadata: { path: ['year'], exists: false } }] }] })).toEqual(['Bicycles', 'Tea']);
    expect(await titlesFor({ createdAt: { gte: '2000-01-01T00:00:00Z' }, updatedAt: { lt: '2999-01-01T00:00:00Z' } })).toEqual(['Bicycles', 'Keepers log', 'Keepers manual', 'Tea']);
    expect(await titlesFor({ createdAt: { lt: '2000-01-01T00:00:00Z' } })).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['an empty filter', {}, 'filter'],
    ['a metadata test without a condition', { metadata: { path: ['year'] } }, 'filter.metadata'],
    ['an empty path', { metadata: { path: [], exists: true } }, 'filter.metadata.path'],
    ['a range without bounds', { createdAt: {} }, 'filter.createdAt'],
    // Refused at the edge, before the filter is read: named from the request's variables.
    ['a NUL in a title', { title: { contains: 'a\u0000b' } }, 'input.filter.title.contains'],
    ['a lone surrogate in a metadata value', { metadata: { path: ['kind'], equals: 'x\ud800' } }, 'input.filter.metadata.equals'],
    ['too many conditions', { or: Array.from({ length: 60 }, (_, i) => ({ title: { equals: `t${i}` } })) }, 'filter'],
    ['nesting too deep', JSON.parse(`${'{"not":'.repeat(10)}{"title":{"equals":"x"}}${'}'.repeat(10)}`), 'filter.not.not.not.not.not.not'],
  ])('refuses %s with BAD_USER_INPUT naming the path', async (_, filter, path) => {
    const response = await server.graphql(SEARCH, { input: { query: 'keepers', filter } }, token);

    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions['field']).toBe(path);
  });

  it.each<[string, unknown]>([
    ['an unknown operator', { metadata: { path: ['year'], like: 'x' } }],
    ['a wrong value type', { metadata: { path: ['year'], number: { gte: 'many' } } }],
  ])('refuses %s in variables with BAD_USER_INPUT', async (_, filter) => {
    const response = await server.graphql(SEARCH, { input: { query: 'keepers', filter } }, token);

    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });

  it('answers a query made of tsquery syntax characters, and refuses a NUL in the query as bad input', async () => {
    for (const mode of ['KEYWORD', 'HYBRID']) {
      const syntax = await server.graphql(SEARCH, { input: { query: `'' & | ! ( ) <-> :* \\ "keepers -"`, mode } }, token);
      expect(syntax.errors).toBeUndefined();
      const nul = await server.graphql(SEARCH, { input: { query: 'keepers\u0000', mode } }, token);
      expect(codeOf(nul)).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a passage count out of range', async () => {
    expect(codeOf(await searchDocuments({ query: 'keepers', passages: 0 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await searchDocuments({ query: 'keepers', passages: 11 }))).toBe('BAD_USER_INPUT');
  });
});
