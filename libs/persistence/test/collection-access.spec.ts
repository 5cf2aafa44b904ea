import type { Access, Database, DocumentRecord, EmbeddingModelRecord, UserRecord } from '../src';
import { resetDatabase, runSql, testDatabaseTargets } from '../src/testing';
import { chunksFor, createUser, randomVector, registerModel, seededRandom } from './fixtures';

const DIMENSION = 32;

describe.each(testDatabaseTargets())('collections and who reaches them on $name', (target) => {
  let db: Database;
  let model: EmbeddingModelRecord;
  let alice: UserRecord;
  let bob: UserRecord;

  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await resetDatabase(db);
    model = await registerModel(db, DIMENSION);
    alice = await createUser(db, 'alice');
    bob = await createUser(db, 'bob');
  });

  async function documentIn(collectionId: string, title: string, chunks = 3, seed = 1): Promise<DocumentRecord> {
    const document = await db.documents.create({ ownerId: alice.id, collectionId, title, mimeType: 'text/plain', content: title, contentHash: title });
    const random = seededRandom(seed);
    const vectors = Array.from({ length: chunks }, () => randomVector(random, DIMENSION));
    await db.chunks.insertMany(model.id, chunksFor(document, vectors.map((_, i) => `${title} shared words ${i}`), vectors));
    return document;
  }

  async function reach(access: Access, document: DocumentRecord) {
    const vector = randomVector(seededRandom(9), DIMENSION);
    return {
      read: (await db.documents.findById(access, document.id)) !== null,
      listed: (await db.documents.list(access, { first: 100 })).some((listed) => listed.id === document.id),
      chunks: (await db.chunks.findByDocument(access, document.id)).length,
      semantic: (await db.chunks.searchByVector({ access, modelId: model.id, vector, limit: 100 })).filter((hit) => hit.documentId === document.id).length,
      keyword: (await db.chunks.searchByKeyword({ access, modelId: model.id, anyOf: 'shared words', limit: 100 })).filter((hit) => hit.documentId === document.id).length,
    };
  }

  const nothing = { read: false, listed: false, chunks: 0, semantic: 0, keyword: 0 };
  const everything = { read: true, listed: true, chunks: 3, semantic: 3, keyword: 3 };

  it('gives every user a default collection they own, which cannot be deleted', async () => {
    const defaults = await db.collections.list({ userId: alice.id });

    expect(defaults).toEqual([expect.objectContaining({ name: 'Default', isDefault: true, role: 'OWNER', createdBy: alice.id })]);
    expect(await db.collections.delete({ userId: alice.id }, defaults[0]!.id)).toBe(false);
    expect(await db.collections.findDefault(alice.id)).toMatchObject({ id: defaults[0]!.id });
  });

  it('creates, renames and lists collections, names unique per creator; deleting one takes its documents and chunks with it', async () => {
    const papers = await db.collections.create(alice.id, 'Papers');
    await expect(db.collections.create(alice.id, 'Papers')).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
    expect(await db.collections.create(bob.id, 'Papers')).toMatchObject({ name: 'Papers', role: 'OWNER' });
    expect(await db.collections.rename({ userId: alice.id }, papers.id, 'Articles')).toBe(true);
    expect(await db.collections.rename({ userId: bob.id }, papers.id, 'Mine now')).toBe(false);
    expect((await db.collections.list({ userId: alice.id })).map((collection) => collection.name)).toEqual(['Default', 'Articles']);

    const document = await documentIn(papers.id, 'paper');
    const kept = await documentIn((await db.collections.findDefault(alice.id))!.id, 'kept');
    expect(await db.collections.delete({ userId: bob.id }, papers.id)).toBe(false);
    expect(await db.collections.delete({ userId: alice.id }, papers.id)).toBe(true);

    const left = await runSql(db, (sql) => sql.query<{ documents: number; chunks: number }>(
      'SELECT (SELECT count(*)::int FROM documents WHERE id = $1) AS documents, (SELECT count(*)::int FROM chunks WHERE document_id = $1) AS chunks', [document.id]));
    expect(left).toEqual([{ documents: 0, chunks: 0 }]);
    expect(await reach({ userId: alice.id }, kept)).toEqual(everything);
  });

  it('lets members reach a shared collection by role, and a removed member nothing from the next statement on', async () => {
    const shared = await db.collections.create(alice.id, 'Shared');
    const document = await documentIn(shared.id, 'shared');
    const unshared = await documentIn((await db.collections.findDefault(alice.id))!.id, 'private', 3, 2);

    expect(await reach({ userId: bob.id }, document)).toEqual(nothing);

    await db.collections.setMember(shared.id, bob.id, 'VIEWER');
    expect(await reach({ userId: bob.id }, document)).toEqual(everything);
    expect(await reach({ userId: bob.id }, unshared)).toEqual(nothing);
    expect(await db.documents.requeue({ userId: bob.id }, document.id)).toBeNull();
    expect(await db.chunks.deleteByDocument({ userId: bob.id }, document.id)).toBe(0);
    expect(await db.documents.delete({ userId: bob.id }, document.id)).toBe(false);
    expect(await db.collections.find({ userId: bob.id }, shared.id)).toMatchObject({ role: 'VIEWER' });
    expect(await db.collections.find({ userId: bob.id }, shared.id, 'EDITOR')).toBeNull();

    await db.collections.setMember(shared.id, bob.id, 'EDITOR');
    expect(await db.documents.requeue({ userId: bob.id }, document.id)).toMatchObject({ status: 'PENDING' });
    expect(await db.collections.delete({ userId: bob.id }, shared.id)).toBe(false);

    expect(await db.collections.removeMember(shared.id, bob.id)).toBe(true);
    expect(await reach({ userId: bob.id }, document)).toEqual(nothing);
    expect(await db.documents.delete({ userId: bob.id }, document.id)).toBe(false);
    expect(await db.collections.members(shared.id)).toEqual([expect.objectContaining({ userId: alice.id, role: 'OWNER', email: alice.email })]);
  });

  it('narrows to the collections an Access names, never widening past membership', async () => {
    const first = await db.collections.create(alice.id, 'First');
    const second = await db.collections.create(alice.id, 'Second');
    const inFirst = await documentIn(first.id, 'first');
    const inSecond = await documentIn(second.id, 'second', 3, 2);
    const bobs = await db.collections.create(bob.id, 'Bob');

    expect(await reach({ userId: alice.id, collections: [first.id] }, inFirst)).toEqual(everything);
    expect(await reach({ userId: alice.id, collections: [first.id] }, inSecond)).toEqual(nothing);
    expect(await reach({ userId: bob.id, collections: [first.id, bobs.id] }, inFirst)).toEqual(nothing);
    expect(await reach({ userId: alice.id, collections: [] }, inFirst)).toEqual(nothing);
  });

  if (target.name === 'postgres') {
    it('searches a list of collections from the HNSW index at 6,000 chunks and still fills the limit (EXPLAIN)', async () => {
      const vectorDimension = 384;
      const big = await registerModel(db, vectorDimension);
      const collections = [await db.collections.create(alice.id, 'A'), await db.collections.create(alice.id, 'B'), await db.collections.create(alice.id, 'C')];
      const random = seededRandom(5);
      for (const [index, collection] of collections.entries()) {
        for (let d = 0; d < 20; d++) {
          const document = await db.documents.create({ ownerId: alice.id, collectionId: collection.id, title: `${index}-${d}`, mimeType: 'text/plain', content: 'x', contentHash: `${index}-${d}` });
          const vectors = Array.from({ length: 100 }, () => randomVector(random, vectorDimension));
          await db.chunks.insertMany(big.id, chunksFor(document, vectors.map((_, i) => `chunk ${i}`), vectors));
        }
      }
      await runSql(db, (sql) => sql.exec('ANALYZE chunks; ANALYZE collection_members'));
      await db.collections.setMember(collections[2]!.id, bob.id, 'VIEWER');
      const wanted = new Set([collections[0]!.id, collections[2]!.id]);
      const query = { modelId: big.id, vector: randomVector(seededRandom(6), vectorDimension), limit: 100 };

      const plan = await db.chunks.explainSearchByVector({ ...query, access: { userId: alice.id, collections: [...wanted] } });
      const hits = await db.chunks.searchByVector({ ...query, access: { userId: alice.id, collections: [...wanted] } });
      const bobHits = await db.chunks.searchByVector({ ...query, access: { userId: bob.id } });

      expect(plan.join('\n')).toContain(`Index Scan using chunks_embedding_model_${big.id}_hnsw on chunks`);
      expect(hits).toHaveLength(100);
      const hitCollections = await runSql(db, (sql) => sql.query<{ collection_id: string }>('SELECT DISTINCT collection_id FROM chunks WHERE id = ANY($1::uuid[])', [hits.map((hit) => hit.chunkId)]));
      expect(new Set(hitCollections.map((row) => row.collection_id))).toEqual(wanted);
      expect(bobHits).toHaveLength(100);
      const bobCollections = await runSql(db, (sql) => sql.query<{ collection_id: string }>('SELECT DISTINCT collection_id FROM chunks WHERE id = ANY($1::uuid[])', [bobHits.map((hit) => hit.chunkId)]));
      expect(bobCollections).toEqual([{ collection_id: collections[2]!.id }]);
    });
  }
});
