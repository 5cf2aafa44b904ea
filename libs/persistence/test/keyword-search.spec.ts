import type { Database, DocumentRecord, EmbeddingModelRecord, UserRecord } from '../src';
import { BM25_B, BM25_K1 } from '../src/repositories/chunk.repository';
import { resetDatabase, testDatabaseTargets } from '../src/testing';
import { chunksFor, createDocument, createUser, randomVector, registerModel, seededRandom } from './fixtures';

const DIMENSION = 8;

/** BM25 as the textbook writes it, for words that English stemming leaves alone. */
function bm25(query: string[], chunk: string[], corpus: string[][]): number {
  const meanLength = corpus.reduce((sum, words) => sum + words.length, 0) / corpus.length;
  return query.reduce((score, word) => {
    const tf = chunk.filter((w) => w === word).length;
    if (tf === 0) return score;
    const df = corpus.filter((words) => words.includes(word)).length;
    const idf = Math.log(1 + (corpus.length - df + 0.5) / (df + 0.5));
    return score + (idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * chunk.length) / meanLength));
  }, 0);
}

describe.each(testDatabaseTargets())('keyword search (BM25) on $name', (target) => {
  let db: Database;
  let model: EmbeddingModelRecord;
  let owner: UserRecord;
  let document: DocumentRecord;

  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await resetDatabase(db);
    model = await registerModel(db, DIMENSION);
    owner = await createUser(db);
    document = await createDocument(db, owner.id);
  });

  async function store(texts: readonly string[], into: DocumentRecord = document) {
    const random = seededRandom(texts.length);
    await db.chunks.insertMany(model.id, chunksFor(into, texts, texts.map(() => randomVector(random, DIMENSION))));
  }

  const search = (anyOf: string, extra: { required?: string; limit?: number } = {}) =>
    db.chunks.searchByKeyword({ access: { userId: owner.id }, modelId: model.id, anyOf, limit: extra.limit ?? 10, required: extra.required });

  it('scores exactly as BM25 over the owner’s chunks, with idf, saturation and length normalisation', async () => {
    const texts = ['alpha beta gamma', 'alpha alpha alpha delta', 'beta delta epsilon zeta theta', 'gamma gamma', 'epsilon zeta'];
    await store(texts);
    const corpus = texts.map((text) => text.split(' '));

    const found = await search('alpha gamma zeta');

    const expected = corpus
      .map((words, i) => ({ text: texts[i], score: bm25(['alpha', 'gamma', 'zeta'], words, corpus) }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score);
    expect(found.map((match) => match.text)).toEqual(expected.map((entry) => entry.text));
    found.forEach((match, i) => expect(match.score).toBeCloseTo(expected[i]?.score as number, 9));
  });

  it('matches chunks holding any word of a question, and ranks the one with more of its rare words first', async () => {
    await store([
      'The configuration file is read at start-up.',
      'Each module reads its configuration file.',
      'Loadable kernel module configuration lives in a file of its own.',
      'Unrelated text about gardening.',
    ]);

    const found = await search('where is the kernel module configuration file kept?');

    expect(found).toHaveLength(3);
    expect(found[0]?.text).toBe('Loadable kernel module configuration lives in a file of its own.');
    expect(found.map((match) => match.text)).not.toContain('Unrelated text about gardening.');
  });

  it('ranks a repeated word above a single mention, and a short focused chunk above a long one', async () => {
    await store([
      'compression compression and archives',
      'compression and archives',
      'compression of files, directories, archives, images, logs, backups and many other things',
      'filler one', 'filler two', 'filler three',
    ]);

    const found = await search('compression');

    expect(found.map((match) => match.text)).toEqual([
      'compression compression and archives',
      'compression and archives',
      'compression of files, directories, archives, images, logs, backups and many other things',
    ]);
  });

  it('keeps required phrases and exclusions, without changing how rare a word is', async () => {
    await store(['the quick brown fox', 'a brown quick fox', 'the brown dog', 'the quick cat']);

    const phrase = await search('quick brown fox', { required: '"quick brown"' });
    const excluded = await search('quick brown', { required: '-fox' });
    const alternatives = await search('brown fox cat', { required: '"brown dog" or "quick cat"' });

    expect(phrase.map((match) => match.text)).toEqual(['the quick brown fox']);
    expect(excluded.map((match) => match.text).sort()).toEqual(['the brown dog', 'the quick cat']);
    expect(alternatives.map((match) => match.text).sort()).toEqual(['the brown dog', 'the quick cat']);
    const unconstrained = await search('quick brown fox');
    expect(phrase[0]?.score).toBeCloseTo(unconstrained.find((match) => match.text === 'the quick brown fox')?.score as number, 9);
  });

  it('finds nothing for stop words alone or syntax characters, and never fails on them', async () => {
    await store(['the and of a', 'pipes | and & ampersands ! (parens) <-> :*']);

    expect(await search('the and of')).toEqual([]);
    expect(await search("'' & | ! ( ) <-> :* \\ \"", { required: "'' & | ! ( ) <-> :* \\ \" -" })).toEqual([]);
    expect((await search('ampersands & pipes |:*')).map((match) => match.text)).toEqual(['pipes | and & ampersands ! (parens) <-> :*']);
  });

  it('matches and counts words that hold quotes, as URL paths do', async () => {
    await store(["see http://example.com/o'brien and again http://example.com/o'brien", "see http://example.com/o'brien once", 'nothing here']);

    const found = await search("http://example.com/o'brien");

    expect(found.map((match) => match.text)).toEqual(["see http://example.com/o'brien and again http://example.com/o'brien", "see http://example.com/o'brien once"]);
  });

  it('finds chunks written right after a search that found none, and keeps idf positive while its chunk count is cached', async () => {
    expect(await search('lighthouse')).toEqual([]);
    await store(['lighthouse keepers', 'lighthouse lamps']);
    expect(await search('lighthouse')).toHaveLength(2);

    await store(Array.from({ length: 30 }, (_, i) => `lighthouse number ${i}`), await createDocument(db, owner.id, 'more lighthouses'));
    const found = await search('lighthouse', { limit: 50 });

    expect(found).toHaveLength(32);
    expect(found.every((match) => match.score > 0)).toBe(true);
  });

  it('computes word rarity from the owner’s own chunks only', async () => {
    await store(['rare words here', 'common words here']);
    const other = await createUser(db, 'other');
    const otherDocument = await createDocument(db, other.id);
    await store(Array.from({ length: 20 }, (_, i) => `rare thing ${i}`), otherDocument);

    const found = await search('rare common');

    expect(found).toHaveLength(2);
    expect(found[0]?.score).toBeCloseTo(found[1]?.score as number, 9);
  });
});
