import type { ChunkMatch, Database, KeywordQuery, VectorQuery } from '@docent/persistence';
import { DocentError } from '@docent/common';
import { type ModelRuntime, fixedModel } from '../models/model-runtime';
import { SearchService } from './search.service';

const DOC = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const CHUNK = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A ranking where each of `documents` documents owns `perDocument` consecutive chunks. */
function crowdedRanking(documents: number, perDocument: number): ChunkMatch[] {
  return Array.from({ length: documents * perDocument }, (_, i) => ({
    chunkId: CHUNK(i),
    documentId: DOC(Math.floor(i / perDocument)),
    ordinal: i % perDocument,
    text: `chunk ${i}`,
    page: null,
    heading: null,
    score: 1 / (i + 1),
  }));
}

/** The chunk repository's two searches over fixed rankings, recording the limits asked for. */
function fakeChunks(ranking: ChunkMatch[]) {
  const limits: number[] = [];
  const keywordQueries: KeywordQuery[] = [];
  const vectorQueries: VectorQuery[] = [];
  const chunks: Pick<Database['chunks'], 'searchByVector' | 'searchByKeyword' | 'highlight'> = {
    searchByVector: async (query: VectorQuery) => {
      limits.push(query.limit);
      vectorQueries.push(query);
      return ranking.slice(0, query.limit);
    },
    searchByKeyword: async (query: KeywordQuery) => {
      limits.push(query.limit);
      keywordQueries.push(query);
      return ranking.slice(0, query.limit);
    },
    highlight: async () => [],
  };
  return { db: { chunks: chunks as Database['chunks'] }, limits, keywordQueries, vectorQueries };
}

const embed = async () => new Float32Array(4);
/** The active model (id 1) with `embedQuery` as its query embedder. */
const model = (embedQuery: (text: string) => Promise<Float32Array>) =>
  fixedModel({
    model: { id: 1, name: 'test', provider: 'test', dimension: 4, active: true, activatedAt: null, buildStartedAt: null, indexPrecision: 'full', indexGraph: { m: 16, efConstruction: 64 } },
    engine: { embedQuery } as unknown as ModelRuntime['engine'],
    chunker: { chunk: async () => [] },
  });

describe('SearchService.searchDocuments', () => {
  it('counts documents, not chunks, looking deeper when one document crowds the top', async () => {
    const { db, limits } = fakeChunks(crowdedRanking(30, 20));
    const service = new SearchService(db, model(embed));

    const documents = await service.searchDocuments({ userId: 'owner' }, 'query', { mode: 'KEYWORD', first: 5, passages: 2 });

    expect(documents.map((document) => document.documentId)).toEqual([0, 1, 2, 3, 4].map(DOC));
    expect(documents.map((document) => document.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(documents[0]?.passages.map((passage) => [passage.chunkId, passage.rank])).toEqual([
      [CHUNK(0), 1],
      [CHUNK(1), 2],
    ]);
    expect(documents[1]?.score).toBe(1 / 21);
    expect(limits).toEqual([40, 80, 160]);
  });

  it('embeds the query once, however many times it looks deeper', async () => {
    const { db, limits } = fakeChunks(crowdedRanking(30, 20));
    let embeddings = 0;
    const countingEmbed = async () => {
      embeddings++;
      return new Float32Array(4);
    };

    await new SearchService(db, model(countingEmbed)).searchDocuments({ userId: 'owner' }, 'query', { mode: 'HYBRID', first: 5 });

    expect(limits.length).toBeGreaterThan(2);
    expect(embeddings).toBe(1);
  });

  it('stops when the rankings run out, with fewer documents than asked', async () => {
    const { db, limits } = fakeChunks(crowdedRanking(2, 3));
    const documents = await new SearchService(db, model(embed)).searchDocuments({ userId: 'owner' }, 'query', { mode: 'SEMANTIC', first: 10 });

    expect(documents).toHaveLength(2);
    expect(limits).toEqual([40]);
  });

  it('hands keyword search the words and the web-search constraints apart', async () => {
    const { db, keywordQueries } = fakeChunks(crowdedRanking(1, 1));
    await new SearchService(db, model(embed)).search({ userId: 'owner' }, 'copy "symbolic link" -hard', { mode: 'KEYWORD' });

    expect(keywordQueries[0]).toMatchObject({ anyOf: 'copy symbolic link', required: '"symbolic link" -"hard"' });
  });

  it.each([
    ['passages', { passages: 0 }],
    ['passages', { passages: 11 }],
    ['first', { first: 0 }],
    ['query', {}, 'a\u0000b'],
    ['query', {}, 'lone \ud800 surrogate'],
    ['filter', { filter: {} }],
  ])('refuses a bad %s with BAD_USER_INPUT', async (field, options, query = 'query') => {
    const { db } = fakeChunks([]);
    const search = new SearchService(db, model(embed)).searchDocuments({ userId: 'owner' }, query, options);

    await expect(search).rejects.toBeInstanceOf(DocentError);
    await expect(search).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field } });
  });
});

describe('SearchService.search, asked for highlights', () => {
  it.each([
    ['SEMANTIC', 1, 0],
    ['KEYWORD', 0, 1],
  ] as const)('has %s search mark the words highlights() would mark, in its own statement', async (mode, vectorSearches, keywordSearches) => {
    const { db, vectorQueries, keywordQueries } = fakeChunks(crowdedRanking(1, 3));
    const [best] = await new SearchService(db, model(embed)).search({ userId: 'owner' }, 'copy the "symbolic link"', { mode, highlights: true });

    expect(best?.queryWords).toBe('copy the symbolic link');
    expect(vectorQueries.map((query) => query.highlight)).toEqual(Array(vectorSearches).fill(best?.queryWords));
    expect(keywordQueries.map((query) => query.highlight)).toEqual(Array(keywordSearches).fill(best?.queryWords));
  });

  it('leaves HYBRID to mark afterwards, since it ranks more candidates than it returns', async () => {
    const { db, vectorQueries, keywordQueries } = fakeChunks(crowdedRanking(1, 3));
    await new SearchService(db, model(embed)).search({ userId: 'owner' }, 'copy the symbolic link', { mode: 'HYBRID', highlights: true });

    expect([...vectorQueries, ...keywordQueries].map((query) => query.highlight)).toEqual([undefined, undefined]);
  });

  it('marks nothing unless asked', async () => {
    const { db, vectorQueries } = fakeChunks(crowdedRanking(1, 3));
    await new SearchService(db, model(embed)).search({ userId: 'owner' }, 'copy', { mode: 'SEMANTIC' });

    expect(vectorQueries[0]?.highlight).toBeUndefined();
  });
});
