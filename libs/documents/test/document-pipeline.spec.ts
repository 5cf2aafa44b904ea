import type { Database, UserRecord } from '@docent/persistence';
import { resetDatabase, runSql, testDatabaseTargets } from '@docent/persistence/testing';
import { DocentError } from '@docent/common';
import { MAX_CHUNKS_PER_WRITE } from '../src/processing/document-processor';
import { pipeline, realProvider } from './pipeline';

const MARKDOWN = `# Pgvector indexes

HNSW indexes make nearest-neighbour search fast. They trade a little recall for speed.

## Building them

Build the index after a bulk load: inserting into an existing HNSW graph is slower.`;
const HTML = '<html><body><h1>Gardening</h1><p>Tomatoes need <b>sun</b> and regular watering.</p><script>ignored()</script></body></html>';
const PLAIN = 'Invoices are sent by email at the start of every month. Payment is due within thirty days.';

describe.each(testDatabaseTargets())('document processing on $name (tiny fixture model)', (target) => {
  let db: Database;
  let owner: UserRecord;
  let other: UserRecord;
  const provider = realProvider('fixture');

  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await provider.close?.();
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    owner = await db.users.create({ email: `owner-${Date.now()}@example.test`, passwordHash: 'x' });
    other = await db.users.create({ email: `other-${Date.now()}@example.test`, passwordHash: 'x' });
  });

  it('stores documents PENDING at once, then a worker makes each READY with all its chunks', async () => {
    const docent = await pipeline(db, provider, { chunkTokens: 24, chunkOverlapTokens: 4 });

    const stored = await docent.intake.ingest({ userId: owner.id }, [
      { title: 'Indexes', content: MARKDOWN, mimeType: 'text/markdown', metadata: { team: 'search' } },
      { title: 'Garden', content: HTML, mimeType: 'text/html' },
      { title: 'Billing', content: PLAIN, mimeType: 'text/plain' },
    ]);
    expect(stored.map((document) => document.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    await docent.drain();

    const after = await Promise.all(stored.map((document) => db.documents.findById({ userId: owner.id }, document.id)));
    expect(after.map((document) => document?.status)).toEqual(['READY', 'READY', 'READY']);
    const garden = await db.chunks.findByDocument({ userId: owner.id }, stored[1]!.id);
    const gardenText = garden.map((chunk) => chunk.text).join('\n');
    expect(gardenText).toContain('Gardening');
    expect(gardenText).toContain('Tomatoes need sun and regular watering.');
    expect(gardenText).not.toMatch(/ignored|<b>/);
    const indexChunks = await db.chunks.findByDocument({ userId: owner.id }, stored[0]!.id);
    expect(after[0]?.chunkCount).toBe(indexChunks.length);
    expect(indexChunks.length).toBeGreaterThan(1);
    expect(indexChunks.every((chunk) => chunk.tokenCount <= 24 && chunk.embedding.length === 32)).toBe(true);
  });

  it('returns the stored document for identical content, and replaces content by sourceId', async () => {
    const docent = await pipeline(db, provider);
    const [first] = await docent.intake.ingest({ userId: owner.id }, [{ title: 'Billing', content: PLAIN, mimeType: 'text/plain' }]);
    const [again] = await docent.intake.ingest({ userId: owner.id }, [{ title: 'Billing (again)', content: PLAIN, mimeType: 'text/plain' }]);
    const [versioned] = await docent.intake.ingest({ userId: owner.id }, [{ title: 'Policy', content: 'Version one.', mimeType: 'text/plain', sourceId: 'wiki/policy' }]);
    const [same] = await docent.intake.ingest({ userId: owner.id }, [{ title: 'Policy', content: 'Version one.', mimeType: 'text/plain', sourceId: 'wiki/policy' }]);
    const [updated] = await docent.intake.ingest({ userId: owner.id }, [{ title: 'Policy', content: 'Version two.', mimeType: 'text/plain', sourceId: 'wiki/policy' }]);
    const [othersCopy] = await docent.intake.ingest({ userId: other.id }, [{ title: 'Billing', content: PLAIN, mimeType: 'text/plain' }]);

    expect(again?.id).toBe(first?.id);
    expect(same?.id).toBe(versioned?.id);
    expect(updated?.id).toBe(versioned?.id);
    expect(updated?.contentHash).not.toBe(versioned?.contentHash);
    expect(othersCopy?.id).not.toBe(first?.id);
  });

  it('refuses bad input and oversized batches with every problem listed, storing nothing', async () => {
    const docent = await pipeline(db, provider, { maxDocumentsPerCall: 2, maxContentBytes: 100 });

    const bad = docent.intake.ingest({ userId: owner.id }, [
      { title: '', content: PLAIN, mimeType: 'text/plain' },
      { title: 'Too big', content: 'x'.repeat(101), mimeType: 'application/msword' as 'text/plain' },
    ]);
    await expect(bad).rejects.toThrow(DocentError);
    await expect(bad).rejects.toThrow(/documents\[0\]\.title: must not be empty.*documents\[1\]\.mimeType/);
    await expect(docent.intake.ingest({ userId: owner.id }, [1, 2, 3].map((i) => ({ title: `${i}`, content: 'c', mimeType: 'text/plain' as const })))).rejects.toThrow(
      'At most 2 documents per call, got 3',
    );
    expect(await db.documentQueue.countByStatus()).toEqual({ PENDING: 0, PROCESSING: 0, READY: 0, FAILED: 0 });
  });

  it('keeps each user within the quota: over it, the whole call is QUOTA_EXCEEDED with the limit and the use, and nothing is written', async () => {
    const docent = await pipeline(db, provider, { quota: { documents: 3, bytes: 200 } });
    const note = (i: number) => ({ title: `Note ${i}`, content: `Note number ${i}.`, mimeType: 'text/plain' as const });
    await docent.intake.ingest({ userId: owner.id }, [note(1), note(2)]);

    const tooMany = docent.intake.ingest({ userId: owner.id }, [note(3), note(4)]);
    await expect(tooMany).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 3, used: 2, resource: 'documents' } });
    const tooBig = docent.intake.ingest({ userId: owner.id }, [{ title: 'Big', content: 'x'.repeat(190), mimeType: 'text/plain' }]);
    await expect(tooBig).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 200, resource: 'bytes' } });
    expect((await db.documentQueue.countByStatus()).PENDING).toBe(2);

    // Two calls racing for the last slot: exactly one gets it.
    const raced = await Promise.allSettled([docent.intake.ingest({ userId: owner.id }, [note(5)]), docent.intake.ingest({ userId: owner.id }, [note(6)])]);
    expect(raced.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await db.documents.usage(owner.id)).toMatchObject({ documents: 3 });
    // At the quota, identical content is the stored document, not a new one; another user has a quota of their own.
    await expect(docent.intake.ingest({ userId: owner.id }, [note(1), note(2)])).resolves.toHaveLength(2);
    await expect(docent.intake.ingest({ userId: other.id }, [note(1), note(2), note(3)])).resolves.toHaveLength(3);
  });

  it('ends a document whose embedding keeps failing FAILED, with its error and no chunks', async () => {
    const docent = await pipeline(db, provider, { maxAttempts: 2 });
    const [document] = await docent.intake.ingest({ userId: owner.id }, [{ title: 'Doomed', content: PLAIN, mimeType: 'text/plain' }]);
    const failingEngine = { generateEmbeddingsBatch: () => Promise.reject(new Error('model crashed: out of memory')) };

    await docent.drain(docent.worker(failingEngine));

    expect(await db.documents.findById({ userId: owner.id }, document!.id)).toMatchObject({ status: 'FAILED', attempts: 2, error: 'model crashed: out of memory', chunkCount: 0 });
    expect(await db.chunks.findByDocument({ userId: owner.id }, document!.id)).toEqual([]);
  });

  it('writes a claimed batch of documents with one INSERT into chunks', async () => {
    const docent = await pipeline(db, provider, { chunkTokens: 24, chunkOverlapTokens: 4, claimBatch: 8 });
    await docent.intake.ingest({ userId: owner.id }, [
      { title: 'Indexes', content: MARKDOWN, mimeType: 'text/markdown' },
      { title: 'Garden', content: HTML, mimeType: 'text/html' },
      { title: 'Billing', content: PLAIN, mimeType: 'text/plain' },
    ]);
    // A statement-level trigger counts INSERT statements as the database sees them.
    await runSql(db, (sql) =>
      sql.exec(`
        CREATE TABLE test_statement_counter (n int);
        CREATE FUNCTION count_chunk_insert() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN INSERT INTO test_statement_counter VALUES (1); RETURN NULL; END $$;
        CREATE TRIGGER count_chunk_insert AFTER INSERT ON chunks FOR EACH STATEMENT EXECUTE FUNCTION count_chunk_insert();`),
    );
    try {
      expect(await docent.worker().processBatch()).toBe(3);

      const statements = await runSql(db, (sql) => sql.query<{ n: string }>('SELECT count(*) AS n FROM test_statement_counter'));
      expect(Number(statements[0]?.n)).toBe(1);
      expect(await db.documentQueue.countByStatus()).toMatchObject({ READY: 3, PROCESSING: 0 });
    } finally {
      await runSql(db, (sql) => sql.exec('DROP TRIGGER count_chunk_insert ON chunks; DROP FUNCTION count_chunk_insert(); DROP TABLE test_statement_counter'));
    }
  });

  it('writes a claim in transactions of at most MAX_CHUNKS_PER_WRITE chunks (for its database), its small documents first, each big one on its own', async () => {
    const docent = await pipeline(db, provider, { chunkTokens: 24, chunkOverlapTokens: 4, claimBatch: 8 });
    // About 13 tokens a sentence: one sentence per 24-token chunk, so 200 chunks per handbook.
    const handbook = (topic: string) => Array.from({ length: 200 }, (_, i) => `Step ${i} of the ${topic} handbook describes one more careful task here.`).join(' ');
    const stored = await docent.intake.ingest({ userId: owner.id }, [
      { title: 'Kitchen', content: handbook('kitchen'), mimeType: 'text/plain' },
      { title: 'Billing', content: PLAIN, mimeType: 'text/plain' },
      { title: 'Garden', content: handbook('garden'), mimeType: 'text/plain' },
      { title: 'Garden page', content: HTML, mimeType: 'text/html' },
    ]);
    await withChunkInsertRows(db, async (rowsPerInsert) => {
      expect(await docent.worker().processBatch()).toBe(4);

      const rows = await rowsPerInsert();
      const documents = await Promise.all(stored.map((document) => db.documents.findById({ userId: owner.id }, document.id)));
      const [kitchen = 0, , garden = 0] = documents.map((document) => document?.chunkCount ?? 0);
      const limit = MAX_CHUNKS_PER_WRITE[db.kind];
      const small = documents[1]!.chunkCount + documents[3]!.chunkCount;
      // The small pair fits in one write; the two handbooks would not, together.
      expect(small).toBeLessThanOrEqual(limit);
      expect(kitchen + garden).toBeGreaterThan(limit);
      expect(documents.map((document) => document?.status)).toEqual(['READY', 'READY', 'READY', 'READY']);
      // The two small documents together, then each handbook (embedded in slices) on its own.
      expect(rows).toEqual([small, kitchen, garden]);
      expect(rows.reduce((sum, n) => sum + n, 0)).toBe(documents.reduce((sum, document) => sum + (document?.chunkCount ?? 0), 0));
    });
  });

  it('on PGlite writes small documents in transactions of their own once two exceed its limit; on PostgreSQL, together', async () => {
    const docent = await pipeline(db, provider, { chunkTokens: 24, chunkOverlapTokens: 4, claimBatch: 8 });
    const note = (topic: string) => Array.from({ length: 10 }, (_, i) => `Step ${i} of the ${topic} note describes one more careful task here.`).join(' ');
    await docent.intake.ingest({ userId: owner.id }, ['tea', 'bread', 'soup'].map((topic) => ({ title: topic, content: note(topic), mimeType: 'text/plain' })));
    await withChunkInsertRows(db, async (rowsPerInsert) => {
      expect(await docent.worker().processBatch()).toBe(3);

      const rows = await rowsPerInsert();
      // About 10 chunks each: one fits PGlite's 16, two do not; all three fit PostgreSQL's 256.
      expect(rows.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(MAX_CHUNKS_PER_WRITE.pglite + 8);
      expect(rows).toEqual(db.kind === 'pglite' ? [expect.any(Number), expect.any(Number), expect.any(Number)] : [expect.any(Number)]);
      expect(Math.max(...rows)).toBeLessThanOrEqual(MAX_CHUNKS_PER_WRITE[db.kind]);
      expect(await db.documentQueue.countByStatus()).toMatchObject({ READY: 3, PROCESSING: 0 });
    });
  });

  it('when a batch cannot be written, writes its documents one by one, so only the one at fault fails', async () => {
    const docent = await pipeline(db, provider, { maxAttempts: 1 });
    const stored = await docent.intake.ingest({ userId: owner.id }, [
      { title: 'Billing', content: PLAIN, mimeType: 'text/plain' },
      { title: 'Poisoned', content: 'This chunk carries poison that the database refuses.', mimeType: 'text/plain' },
      { title: 'Garden', content: HTML, mimeType: 'text/html' },
    ]);
    await runSql(db, (sql) =>
      sql.exec(`
        CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN IF NEW.text LIKE '%poison%' THEN RAISE EXCEPTION 'chunk refused: poison'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER refuse_poison BEFORE INSERT ON chunks FOR EACH ROW EXECUTE FUNCTION refuse_poison();`),
    );
    try {
      await docent.drain();
    } finally {
      await runSql(db, (sql) => sql.exec('DROP TRIGGER refuse_poison ON chunks; DROP FUNCTION refuse_poison()'));
    }

    const [billing, poisoned, garden] = await Promise.all(stored.map((document) => db.documents.findById({ userId: owner.id }, document.id)));
    expect(billing).toMatchObject({ status: 'READY', chunkCount: 1 });
    expect(garden).toMatchObject({ status: 'READY', chunkCount: 1 });
    expect(poisoned).toMatchObject({ status: 'FAILED', chunkCount: 0, error: expect.stringContaining('chunk refused: poison') });
    expect(await db.chunks.findByDocument({ userId: owner.id }, poisoned!.id)).toEqual([]);
  });

  it('keeps renewing its leases while a batch takes longer than the lease', async () => {
    const docent = await pipeline(db, provider, { leaseMs: 300 });
    const [document] = await docent.intake.ingest({ userId: owner.id }, [{ title: 'Slow', content: PLAIN, mimeType: 'text/plain' }]);
    const slowEngine = {
      generateEmbeddingsBatch: async (texts: readonly unknown[]) => {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return docent.engine.generateEmbeddingsBatch(texts);
      },
    };
    const slow = docent.worker(slowEngine);

    const processing = slow.processBatch();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const stolen = await db.documentQueue.claim({ workerId: 'another-worker', limit: 1, leaseMs: 300 });
    await processing;

    expect(stolen).toEqual([]);
    expect(await db.documents.findById({ userId: owner.id }, document!.id)).toMatchObject({ status: 'READY', attempts: 1 });
  });

  it("writes a claim's small documents before embedding its big one, which goes to the engine in slices", async () => {
    const docent = await pipeline(db, provider, { maxChunksPerDocument: 10_000 });
    const calls: number[] = [];
    const recording = {
      generateEmbeddingsBatch: (texts: readonly unknown[]) => {
        calls.push(texts.length);
        return docent.engine.generateEmbeddingsBatch(texts);
      },
    };
    const paragraphs = Array.from({ length: 3_000 }, (_, i) => `Paragraph ${i} says something about topic ${i % 41} in plain words.`);
    const [big] = await docent.intake.ingest({ userId: owner.id }, [{ title: 'Big', content: paragraphs.join('\n\n'), mimeType: 'text/plain' }]);
    const [small] = await docent.intake.ingest({ userId: other.id }, [{ title: 'Small', content: 'One sentence from someone else.', mimeType: 'text/plain' }]);

    // One claim holds both (claims take 8): before, the small one waited for every chunk of the big one.
    const processing = docent.worker(recording).processBatch();
    await until(async () => (await db.documents.findById({ userId: other.id }, small!.id))?.status === 'READY');
    const bigWhenSmallWasReady = (await db.documents.findById({ userId: owner.id }, big!.id))?.status;
    await processing;

    expect(bigWhenSmallWasReady).toBe('PROCESSING');
    const bigChunks = (await db.documents.findById({ userId: owner.id }, big!.id))!;
    expect(bigChunks).toMatchObject({ status: 'READY' });
    expect(bigChunks.chunkCount).toBeGreaterThan(3 * 128);
    expect(calls[0]).toBe(1);
    expect(Math.max(...calls)).toBeLessThanOrEqual(128);
  });

  it('searches only the owner\u2019s chunks, in every mode', async () => {
    const docent = await pipeline(db, provider);
    await docent.intake.ingest({ userId: owner.id }, [{ title: 'Billing', content: PLAIN, mimeType: 'text/plain' }]);
    await docent.intake.ingest({ userId: other.id }, [{ title: 'Garden', content: HTML, mimeType: 'text/html' }]);
    await docent.drain();

    for (const mode of ['SEMANTIC', 'KEYWORD', 'HYBRID'] as const) {
      // Keyword queries use web-search syntax: words are ANDed unless joined by "or".
      const mine = await docent.search.search({ userId: owner.id }, 'invoices or tomatoes', { mode, first: 20 });
      const theirs = await docent.search.search({ userId: other.id }, 'invoices or tomatoes', { mode, first: 20 });
      expect(mine.length).toBeGreaterThan(0);
      expect(theirs.length).toBeGreaterThan(0);
      expect(mine.every((hit) => hit.text.includes('Invoices') || hit.text.includes('Payment'))).toBe(true);
      expect(theirs.every((hit) => hit.text.includes('Tomatoes') || hit.text.includes('Gardening'))).toBe(true);
      expect(mine.map((hit) => hit.rank)).toEqual(mine.map((_, i) => i + 1));
    }
    await expect(docent.search.search({ userId: owner.id }, '   ')).rejects.toThrow('The search query must not be empty');
  });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Runs `work` with a statement-level trigger on `chunks` that records how many rows each INSERT
 * wrote, as the database sees its statements; `rowsPerInsert` reads them in order.
 */
async function withChunkInsertRows(db: Database, work: (rowsPerInsert: () => Promise<number[]>) => Promise<void>): Promise<void> {
  await runSql(db, (sql) =>
    sql.exec(`
      CREATE TABLE test_statement_rows (n int);
      CREATE FUNCTION count_chunk_rows() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN INSERT INTO test_statement_rows SELECT count(*) FROM inserted; RETURN NULL; END $$;
      CREATE TRIGGER count_chunk_rows AFTER INSERT ON chunks REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION count_chunk_rows();`),
  );
  try {
    await work(async () => (await runSql(db, (sql) => sql.query<{ n: number }>('SELECT n FROM test_statement_rows'))).map((row) => Number(row.n)));
  } finally {
    await runSql(db, (sql) => sql.exec('DROP TRIGGER count_chunk_rows ON chunks; DROP FUNCTION count_chunk_rows(); DROP TABLE test_statement_rows'));
  }
}
