import type { Database, DocumentRecord, UserRecord } from '../src';
import { resetDatabase, runSql, testDatabaseTargets } from '../src/testing';
import { activeModel, chunksFor, createDocument, createUser } from './fixtures';

const LEASE = { leaseMs: 60_000 };
const FAILURES = { maxAttempts: 3, backoffMs: 1 };

describe.each(testDatabaseTargets())('the document queue on $name', (target) => {
  let db: Database;
  let owner: UserRecord;

  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await resetDatabase(db);
    owner = await createUser(db);
  });

  const statusOf = async (document: DocumentRecord) => (await db.documents.findById({ userId: owner.id }, document.id))!;
  const expireLeases = () => runSql(db, (sql) => sql.exec("UPDATE documents SET lease_expires_at = now() - interval '1 second' WHERE status = 'PROCESSING'"));
  const makeDue = () => runSql(db, (sql) => sql.exec("UPDATE documents SET next_attempt_at = now() - interval '1 second'"));

  it('hands each pending document to one claim, marked PROCESSING with its attempt counted', async () => {
    const documents = await Promise.all([1, 2, 3].map((i) => createDocument(db, owner.id, `doc ${i}`)));

    const first = await db.documentQueue.claim({ workerId: 'worker-a', limit: 2, ...LEASE });
    const second = await db.documentQueue.claim({ workerId: 'worker-b', limit: 5, ...LEASE });
    const third = await db.documentQueue.claim({ workerId: 'worker-c', limit: 5, ...LEASE });

    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    expect(third).toEqual([]);
    expect(new Set([...first, ...second].map((claimed) => claimed.id))).toEqual(new Set(documents.map((document) => document.id)));
    expect(first[0]).toMatchObject({ ownerId: owner.id, mimeType: 'text/plain', attempts: 1, metadata: {} });
    expect((await statusOf(documents[0]!)).status).toBe('PROCESSING');
  });

  it("takes owners in turn: one owner's many older documents do not hold back another's one", async () => {
    const flood = [];
    for (let i = 0; i < 6; i++) flood.push(await createDocument(db, owner.id, `flood ${i}`));
    const neighbour = await createUser(db);
    const single = await createDocument(db, neighbour.id, 'one of mine');

    const claimed = await db.documentQueue.claim({ workerId: 'worker-a', limit: 2, ...LEASE });
    const rest = await db.documentQueue.claim({ workerId: 'worker-b', limit: 10, ...LEASE });

    // UPDATE … RETURNING promises no order: compare as sets.
    expect(new Set(claimed.map((document) => document.id))).toEqual(new Set([flood[0]!.id, single.id]));
    expect(new Set(rest.map((document) => document.id))).toEqual(new Set(flood.slice(1).map((document) => document.id)));
  });

  it('lets concurrent workers claim 50 documents exactly once between them', async () => {
    for (let i = 0; i < 50; i++) await createDocument(db, owner.id, `doc ${i}`);
    const claimedBy = new Map<string, string>();
    let duplicates = 0;

    await Promise.all(
      ['worker-a', 'worker-b', 'worker-c'].map(async (workerId) => {
        for (;;) {
          const batch = await db.documentQueue.claim({ workerId, limit: 4, ...LEASE });
          if (batch.length === 0) return;
          for (const claimed of batch) {
            if (claimedBy.has(claimed.id)) duplicates++;
            claimedBy.set(claimed.id, workerId);
          }
        }
      }),
    );

    expect(duplicates).toBe(0);
    expect(claimedBy.size).toBe(50);
  });

  it("gives a crashed worker's document to another once the lease expires, and ignores the first worker afterwards", async () => {
    const document = await createDocument(db, owner.id);
    const model = await activeModel(db, 4);
    await db.documentQueue.claim({ workerId: 'crashed', limit: 1, ...LEASE });

    expect(await db.documentQueue.claim({ workerId: 'rescuer', limit: 1, ...LEASE })).toEqual([]);
    await expireLeases();
    const rescued = await db.documentQueue.claim({ workerId: 'rescuer', limit: 1, ...LEASE });
    const chunks = chunksFor(document, ['late write'], [new Float32Array([1, 0, 0, 0])]);
    const lateCompletion = await db.transaction((tx) => tx.documentQueue.completeWithChunks('crashed', model.id, [{ documentId: document.id, chunks }]));
    const lateFailure = await db.documentQueue.fail('crashed', document.id, 'late', FAILURES);

    expect(rescued).toEqual([expect.objectContaining({ id: document.id, attempts: 2 })]);
    expect(lateCompletion).toEqual([]);
    expect(lateFailure).toBe('LEASE_LOST');
    expect(await db.chunks.findByDocument({ userId: owner.id }, document.id)).toEqual([]);
    expect((await statusOf(document)).status).toBe('PROCESSING');
  });

  it('completes several documents with all their chunks and READY in one transaction, skipping any whose lease was lost', async () => {
    const model = await activeModel(db, 4);
    const [first, second, lost] = await Promise.all(['first', 'second', 'lost'].map((name) => createDocument(db, owner.id, name)));
    await db.documentQueue.claim({ workerId: 'worker', limit: 3, ...LEASE });
    await runSql(db, (sql) => sql.exec(`UPDATE documents SET lease_owner = 'rescuer' WHERE id = '${lost!.id}'`));
    const vector = (i: number) => new Float32Array([i, 0, 0, 1]);

    const completed = await db.transaction((tx) =>
      tx.documentQueue.completeWithChunks('worker', model.id, [
        { documentId: first!.id, chunks: chunksFor(first!, ['one', 'two', 'three'], [1, 2, 3].map(vector)) },
        { documentId: second!.id, chunks: chunksFor(second!, ['four'], [vector(4)]) },
        { documentId: lost!.id, chunks: chunksFor(lost!, ['stale'], [vector(5)]) },
      ]),
    );

    expect(completed.sort()).toEqual([first!.id, second!.id].sort());
    expect(await statusOf(first!)).toMatchObject({ status: 'READY', chunkCount: 3, error: null, processedAt: expect.any(Date) });
    expect(await statusOf(second!)).toMatchObject({ status: 'READY', chunkCount: 1 });
    expect((await statusOf(lost!)).status).toBe('PROCESSING');
    expect((await db.chunks.findByDocument({ userId: owner.id }, first!.id)).map((chunk) => chunk.text)).toEqual(['one', 'two', 'three']);
    expect((await db.chunks.findByDocument({ userId: owner.id }, second!.id)).map((chunk) => chunk.text)).toEqual(['four']);
    expect(await db.chunks.findByDocument({ userId: owner.id }, lost!.id)).toEqual([]);
  });

  it('retries a failed document after a backoff, then marks it FAILED with the error and no chunks', async () => {
    const document = await createDocument(db, owner.id);
    const outcomes: string[] = [];

    for (let attempt = 1; attempt <= 3; attempt++) {
      const [claimed] = await db.documentQueue.claim({ workerId: 'worker', limit: 1, ...LEASE });
      expect(claimed?.attempts).toBe(attempt);
      outcomes.push(await db.documentQueue.fail('worker', document.id, `embedding failed (attempt ${attempt})`, { maxAttempts: 3, backoffMs: 60_000 }));
      // Not due again until its backoff has passed.
      expect(await db.documentQueue.claim({ workerId: 'worker', limit: 1, ...LEASE })).toEqual([]);
      await makeDue();
    }

    expect(outcomes).toEqual(['RETRY_SCHEDULED', 'RETRY_SCHEDULED', 'FAILED']);
    expect(await statusOf(document)).toMatchObject({ status: 'FAILED', attempts: 3, error: 'embedding failed (attempt 3)', chunkCount: 0 });
    expect(await db.chunks.findByDocument({ userId: owner.id }, document.id)).toEqual([]);
    expect(await db.documentQueue.claim({ workerId: 'worker', limit: 1, ...LEASE })).toEqual([]);
  });

  it('extends only the leases a worker still holds', async () => {
    const [mine, theirs] = await Promise.all([createDocument(db, owner.id, 'mine'), createDocument(db, owner.id, 'theirs')]);
    await db.documentQueue.claim({ workerId: 'worker-a', limit: 1, ...LEASE });
    await db.documentQueue.claim({ workerId: 'worker-b', limit: 1, ...LEASE });

    const extended = await db.documentQueue.extendLease('worker-a', [mine!.id, theirs!.id], 120_000);

    expect(extended).toHaveLength(1);
  });

  it('counts documents by status', async () => {
    await Promise.all([1, 2, 3].map((i) => createDocument(db, owner.id, `doc ${i}`)));
    await db.documentQueue.claim({ workerId: 'worker', limit: 1, ...LEASE });

    expect(await db.documentQueue.countByStatus()).toEqual({ PENDING: 2, PROCESSING: 1, READY: 0, FAILED: 0 });
  });
});
