import { DimensionMismatchError, PersistenceError, type Database } from '../src';
import { inDefaultCollection, resetDatabase, runSql, testDatabaseTargets } from '../src/testing';
import { activeModel, chunksFor, createDocument, createUser, randomVector, registerModel, seededRandom } from './fixtures';

describe.each(testDatabaseTargets())('chunk storage on $name', (target) => {
  let db: Database;

  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => db?.close());
  beforeEach(() => resetDatabase(db));

  it('round-trips float32 vectors bit for bit', async () => {
    const owner = await createUser(db);
    const document = await createDocument(db, owner.id);
    const model = await registerModel(db, 384);
    const random = seededRandom(7);
    const vectors = Array.from({ length: 20 }, () => randomVector(random, 384));
    // Extremes of float32: smallest subnormal, smallest normal, largest finite, negative zero.
    vectors[0]?.set([1.401298464324817e-45, 1.1754943508222875e-38, 3.4028234663852886e38, -0, 1 / 3, Math.fround(Math.PI)]);

    await db.chunks.insertMany(model.id, chunksFor(document, vectors.map((_, i) => `chunk ${i}`), vectors));
    const stored = await db.chunks.findByDocument({ userId: owner.id }, document.id);

    expect(stored).toHaveLength(vectors.length);
    stored.forEach((chunk, i) => {
      expect(Buffer.from(chunk.embedding.buffer)).toEqual(Buffer.from((vectors[i] as Float32Array).buffer));
    });
  });

  it('writes a batch with one INSERT statement per rowsPerStatement rows', async () => {
    const owner = await createUser(db);
    const document = await createDocument(db, owner.id);
    const model = await registerModel(db, 16);
    const random = seededRandom(11);
    const vectors = Array.from({ length: 2_500 }, () => randomVector(random, 16));
    // A statement-level trigger counts INSERT statements as the database sees them.
    await runSql(db, (sql) =>
      sql.exec(`
        CREATE TABLE IF NOT EXISTS test_statement_counter (n int);
        CREATE OR REPLACE FUNCTION count_chunk_insert() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN INSERT INTO test_statement_counter VALUES (1); RETURN NULL; END $$;
        DROP TRIGGER IF EXISTS count_chunk_insert ON chunks;
        CREATE TRIGGER count_chunk_insert AFTER INSERT ON chunks FOR EACH STATEMENT EXECUTE FUNCTION count_chunk_insert();
        TRUNCATE test_statement_counter;`),
    );
    try {
      const written = await db.chunks.insertMany(model.id, chunksFor(document, vectors.map((_, i) => `chunk ${i}`), vectors), 1_000);

      const statements = await runSql(db, (sql) => sql.query<{ n: string }>('SELECT count(*) AS n FROM test_statement_counter'));
      expect(written).toBe(2_500);
      expect(Number(statements[0]?.n)).toBe(3);
    } finally {
      await runSql(db, (sql) => sql.exec('DROP TRIGGER count_chunk_insert ON chunks; DROP TABLE test_statement_counter'));
    }
  });

  it('stores text, titles and metadata full of SQL metacharacters and unicode verbatim', async () => {
    const hostile = [
      `Robert'); DROP TABLE chunks; --`,
      `$1 $$ $tag$ ::vector \\x00 \\\\ %_ "quoted" 'single'`,
      'emoji 🧪👩🏽‍🔬, RTL שלום עולם, combining é (e\u0301), CJK 文書検索, zero-width\u200bspace',
      '  leading and trailing whitespace\n\ttabs\r\nCRLF  ',
    ];
    const owner = await createUser(db);
    const model = await registerModel(db, 4);
    const metadata = { "key'; --": hostile[0], nested: { list: [hostile[1], 1, true, null] }, 'ключ': hostile[2] } as const;
    const document = await db.documents.create({
      ...(await inDefaultCollection(db, owner.id)),
      title: hostile[0] as string,
      mimeType: 'text/plain',
      content: hostile.join('\n'),
      metadata: JSON.parse(JSON.stringify(metadata)),
      contentHash: 'h',
      sourceId: hostile[1] as string,
    });
    const vectors = hostile.map(() => new Float32Array([1, 2, 3, 4]));

    await db.chunks.insertMany(model.id, chunksFor(document, hostile, vectors));

    const storedDocument = await db.documents.findById({ userId: owner.id }, document.id);
    expect(storedDocument).toMatchObject({ title: hostile[0], sourceId: hostile[1], metadata });
    expect((await db.documents.findContents({ userId: owner.id }, [document.id])).get(document.id)).toBe(hostile.join('\n'));
    expect((await db.chunks.findByDocument({ userId: owner.id }, document.id)).map((chunk) => chunk.text)).toEqual(hostile);
    const keywordHits = await db.chunks.searchByKeyword({ access: { userId: owner.id }, modelId: model.id, anyOf: `"DROP TABLE" OR 文書検索 -- '`, required: `"DROP TABLE" -- '`, limit: 10 });
    expect(keywordHits.map((hit) => hit.text)).toContain(hostile[0]);
  });

  it('rejects a vector whose dimension does not match its model, and writes none of the batch', async () => {
    const owner = await createUser(db);
    const document = await createDocument(db, owner.id);
    const model = await registerModel(db, 8);
    const good = new Float32Array(8).fill(0.5);
    const bad = new Float32Array(7).fill(0.5);

    const attempt = db.chunks.insertMany(model.id, chunksFor(document, ['good', 'bad'], [good, bad]));

    await expect(attempt).rejects.toThrow(DimensionMismatchError);
    await expect(attempt).rejects.toThrow(`Embedding has 7 dimensions but model "${model.name}" produces 8`);
    expect(await db.chunks.findByDocument({ userId: owner.id }, document.id)).toEqual([]);
    await expect(db.chunks.searchByVector({ access: { userId: owner.id }, modelId: model.id, vector: bad, limit: 1 })).rejects.toThrow(
      DimensionMismatchError,
    );
  });

  it('has the database itself refuse a vector of the wrong dimension, whatever path wrote it', async () => {
    const owner = await createUser(db);
    const document = await createDocument(db, owner.id);
    const model = await registerModel(db, 3);

    const rawInsert = runSql(db, (sql) =>
      sql.query(
        `INSERT INTO chunks (document_id, collection_id, model_id, ordinal, text, token_count, char_start, char_end, content_hash, embedding)
         VALUES ($1, $2, $3, 0, 't', 1, 0, 1, 'h', '[1,2]')`,
        [document.id, document.collectionId, model.id],
      ),
    );

    await expect(rawInsert).rejects.toThrow(/embedding has 2 dimensions but model \d+ expects 3/);
  });

  it('switches the active model, leaving exactly one active', async () => {
    const first = await db.embeddingModels.register({ name: 'first-model', provider: 'test', dimension: 8 });
    const second = await db.embeddingModels.register({ name: 'second-model', provider: 'test', dimension: 16 });

    await db.embeddingModels.activate(first.id);
    await db.embeddingModels.activate(second.id);
    await db.embeddingModels.activate(first.id);

    expect((await db.embeddingModels.list()).filter((model) => model.active).map((model) => model.name)).toEqual(['first-model']);
    expect((await db.embeddingModels.findActive())?.id).toBe(first.id);
  });

  it('refuses to re-register a model name with another dimension', async () => {
    await db.embeddingModels.register({ name: 'stable-name', provider: 'test', dimension: 16 });

    await expect(db.embeddingModels.register({ name: 'stable-name', provider: 'test', dimension: 32 })).rejects.toThrow(PersistenceError);
  });

  it('rejects non-finite components before they reach the database', async () => {
    const owner = await createUser(db);
    const document = await createDocument(db, owner.id);
    const model = await registerModel(db, 2);

    await expect(db.chunks.insertMany(model.id, chunksFor(document, ['nan'], [new Float32Array([0, Number.NaN])]))).rejects.toThrow(
      'Vector component 1 is NaN',
    );
  });

  it('lets the event loop turn between back-to-back transactions (PGlite runs them on this thread)', async () => {
    const owner = await createUser(db);
    const documents = await Promise.all(Array.from({ length: 5 }, () => createDocument(db, owner.id)));
    const model = await registerModel(db, 64);
    const random = seededRandom(5);
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);

    const turnsAtStart: number[] = [];
    for (const document of documents) {
      const vectors = Array.from({ length: 50 }, () => randomVector(random, 64));
      await db.transaction(async (tx) => {
        turnsAtStart.push(turns);
        await tx.chunks.insertMany(model.id, chunksFor(document, vectors.map((_, i) => `chunk ${i}`), vectors));
      });
    }
    counting = false;

    // Timers, sockets and worker replies got a turn before each transaction.
    turnsAtStart.slice(1).forEach((turnsThen, i) => expect(turnsThen).toBeGreaterThan(turnsAtStart[i] as number));
  });

  it('keeps a transaction all-or-nothing: chunks and status roll back together', async () => {
    const owner = await createUser(db);
    const document = await createDocument(db, owner.id);
    const model = await activeModel(db, 4);
    const vectors = [new Float32Array([1, 0, 0, 0]), new Float32Array([0, 1, 0, 0])];

    await db.documentQueue.claim({ workerId: 'worker', limit: 1, leaseMs: 60_000 });

    const failing = db.transaction(async (tx) => {
      await tx.documentQueue.completeWithChunks('worker', model.id, [{ documentId: document.id, chunks: chunksFor(document, ['one', 'two'], vectors) }]);
      throw new Error('embedding of the next batch failed');
    });

    await expect(failing).rejects.toThrow('embedding of the next batch failed');
    expect(await db.chunks.findByDocument({ userId: owner.id }, document.id)).toEqual([]);
    expect((await db.documents.findById({ userId: owner.id }, document.id))?.status).toBe('PROCESSING');
  });
});
