import type { Database, DocumentCondition, DocumentRecord, EmbeddingModelRecord, JsonObject, UserRecord } from '../src';
import { inDefaultCollection, resetDatabase, runSql, testDatabaseTargets } from '../src/testing';
import { chunksFor, createUser, randomVector, registerModel, seededRandom } from './fixtures';

const DIMENSION = 16;

describe.each(testDatabaseTargets())('search filters on $name', (target) => {
  let db: Database;
  let model: EmbeddingModelRecord;
  let owner: UserRecord;
  const byTitle: Record<string, DocumentRecord> = {};

  const DOCUMENTS: { title: string; metadata: JsonObject }[] = [
    { title: 'Release notes 2023', metadata: { team: 'search', year: 2023, published: '2023-03-01', tags: ['release'], author: { name: 'Ada' } } },
    { title: 'Release notes 2024', metadata: { team: 'search', year: 2024, published: '2024-06-15T12:00:00Z', author: { name: 'Grace' } } },
    { title: 'Billing handbook', metadata: { team: 'billing', year: '2024', published: 'last spring', draft: null } },
    { title: 'Untagged page', metadata: {} },
  ];

  beforeAll(async () => {
    db = await target.open();
    await resetDatabase(db);
    model = await registerModel(db, DIMENSION);
    owner = await createUser(db);
    const random = seededRandom(5);
    for (const [i, { title, metadata }] of DOCUMENTS.entries()) {
      const document = await db.documents.create({ ...(await inDefaultCollection(db, owner.id)), title, mimeType: 'text/plain', content: title, contentHash: `h${i}`, metadata });
      byTitle[title] = document;
      await db.chunks.insertMany(model.id, chunksFor(document, [`shared words of ${title}`], [randomVector(random, DIMENSION)]));
    }
    // Distinct creation times, one day apart, oldest first.
    await runSql(db, (sql) => sql.query(`UPDATE documents SET created_at = '2020-01-01'::timestamptz + (SELECT count(*) FROM documents d2 WHERE d2.title < documents.title) * interval '1 day'`));
  });
  afterAll(() => db?.close());

  async function titlesWhere(where: DocumentCondition): Promise<string[]> {
    const vector = randomVector(seededRandom(1), DIMENSION);
    const semantic = await db.chunks.searchByVector({ access: { userId: owner.id }, modelId: model.id, vector, limit: 10, where });
    const keyword = await db.chunks.searchByKeyword({ access: { userId: owner.id }, modelId: model.id, anyOf: 'shared words', limit: 10, where });
    const titleOf = (id: string) => Object.values(byTitle).find((document) => document.id === id)?.title as string;
    const semanticTitles = semantic.map((match) => titleOf(match.documentId)).sort();
    expect(keyword.map((match) => titleOf(match.documentId)).sort()).toEqual(semanticTitles);
    return semanticTitles;
  }

  it.each<[string, DocumentCondition, string[]]>([
    ['equality on a string', { kind: 'metadataEquals', path: ['team'], value: 'search' }, ['Release notes 2023', 'Release notes 2024']],
    ['equality is typed: 2024 is not "2024"', { kind: 'metadataEquals', path: ['year'], value: 2024 }, ['Release notes 2024']],
    ['equality on a nested key', { kind: 'metadataEquals', path: ['author', 'name'], value: 'Grace' }, ['Release notes 2024']],
    ['equality on an array value', { kind: 'metadataEquals', path: ['tags'], value: ['release'] }, ['Release notes 2023']],
    ['in', { kind: 'metadataIn', path: ['team'], values: ['billing', 'nobody'] }, ['Billing handbook']],
    ['exists (a null value exists)', { kind: 'metadataExists', path: ['draft'], exists: true }, ['Billing handbook']],
    ['not exists', { kind: 'metadataExists', path: ['team'], exists: false }, ['Untagged page']],
    ['number range, skipping a string "2024"', { kind: 'metadataNumber', path: ['year'], range: { gte: 2024 } }, ['Release notes 2024']],
    ['number range with both ends', { kind: 'metadataNumber', path: ['year'], range: { gt: 2000, lt: 2024 } }, ['Release notes 2023']],
    ['date range, skipping a string that is no date', { kind: 'metadataDate', path: ['published'], range: { gte: new Date('2024-01-01T00:00:00Z') } }, ['Release notes 2024']],
    ['date range on a date-only value', { kind: 'metadataDate', path: ['published'], range: { lt: new Date('2024-01-01T00:00:00Z') } }, ['Release notes 2023']],
    ['createdAt range', { kind: 'createdAt', range: { gte: new Date('2020-01-02T00:00:00Z'), lte: new Date('2020-01-03T00:00:00Z') } }, ['Release notes 2023', 'Release notes 2024']],
    ['updatedAt range', { kind: 'updatedAt', range: { lt: new Date('2000-01-01T00:00:00Z') } }, []],
    ['title equals', { kind: 'titleEquals', value: 'Billing handbook' }, ['Billing handbook']],
    ['title contains, case-insensitive, % and _ taken literally', { kind: 'titleContains', value: 'NOTES' }, ['Release notes 2023', 'Release notes 2024']],
    ['title contains a wildcard character', { kind: 'titleContains', value: '%' }, []],
    ['and', { kind: 'and', conditions: [{ kind: 'metadataEquals', path: ['team'], value: 'search' }, { kind: 'metadataNumber', path: ['year'], range: { lt: 2024 } }] }, ['Release notes 2023']],
    ['or', { kind: 'or', conditions: [{ kind: 'titleEquals', value: 'Untagged page' }, { kind: 'metadataEquals', path: ['team'], value: 'billing' }] }, ['Billing handbook', 'Untagged page']],
    ['not, holding where the key is missing', { kind: 'not', condition: { kind: 'metadataNumber', path: ['year'], range: { gte: 2024 } } }, ['Billing handbook', 'Release notes 2023', 'Untagged page']],
    [
      'nested composition',
      { kind: 'or', conditions: [{ kind: 'and', conditions: [{ kind: 'metadataExists', path: ['author'], exists: true }, { kind: 'not', condition: { kind: 'metadataEquals', path: ['author', 'name'], value: 'Ada' } }] }, { kind: 'titleContains', value: 'untagged' }] },
      ['Release notes 2024', 'Untagged page'],
    ],
  ])('%s', async (_, where, expected) => {
    expect(await titlesWhere(where)).toEqual([...expected].sort());
  });

  it('treats every value as a parameter, never as SQL', async () => {
    const hostile = `'); DROP TABLE documents; --`;
    expect(await titlesWhere({ kind: 'metadataEquals', path: [hostile], value: hostile })).toEqual([]);
    expect(await titlesWhere({ kind: 'titleContains', value: hostile })).toEqual([]);
    expect(await db.documents.findById({ userId: owner.id }, byTitle['Untagged page']?.id as string)).not.toBeNull();
  });
});

describe.each(testDatabaseTargets())('a selective filter still fills the page on $name', (target) => {
  it('returns `limit` chunks when 2% of 3,000 match, by vector and by keyword', async () => {
    const db = await target.open({ autoAnalyzeIntervalMs: 100 });
    try {
      const model = await registerModel(db, DIMENSION);
      const owner = await createUser(db);
      const random = seededRandom(77);
      for (let d = 0; d < 50; d++) {
        const document = await db.documents.create({ ...(await inDefaultCollection(db, owner.id)), title: `doc ${d}`, mimeType: 'text/plain', content: 'x', contentHash: `c${d}`, metadata: { shard: d % 50 } });
        const texts = Array.from({ length: 60 }, (_, i) => `common text number ${i} of document ${d}`);
        await db.chunks.insertMany(model.id, chunksFor(document, texts, texts.map(() => randomVector(random, DIMENSION))));
      }
      await runSql(db, (sql) => sql.exec('ANALYZE chunks'));
      const where: DocumentCondition = { kind: 'metadataEquals', path: ['shard'], value: 7 };

      const semantic = await db.chunks.searchByVector({ access: { userId: owner.id }, modelId: model.id, vector: randomVector(random, DIMENSION), limit: 40, where });
      const keyword = await db.chunks.searchByKeyword({ access: { userId: owner.id }, modelId: model.id, anyOf: 'common text', limit: 40, where });

      expect(semantic).toHaveLength(40);
      expect(keyword).toHaveLength(40);
      expect(new Set([...semantic, ...keyword].map((match) => match.documentId)).size).toBe(1);
    } finally {
      await db.close();
    }
  });
});
