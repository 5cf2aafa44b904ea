import { type Database, type DocumentStatusEvent, openDatabase } from '../src';
import { resetDatabase, testDatabaseTargets } from '../src/testing';
import { createDocument, createUser } from './fixtures';

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(testDatabaseTargets())('document status events on $name', (target) => {
  let db: Database & { url?: string };

  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => db?.close());
  beforeEach(() => resetDatabase(db));

  it('announces arrival, each status change once committed, and deletion; nothing of a rolled-back change', async () => {
    const events: DocumentStatusEvent[] = [];
    const stop = await db.watchDocumentStatus((event) => events.push(event));
    try {
      const owner = await createUser(db);
      const document = await createDocument(db, owner.id);
      await db.documentQueue.claim({ workerId: 'w', limit: 1, leaseMs: 60_000 });
      await db.transaction(async (tx) => {
        await tx.documents.requeue({ userId: owner.id }, document.id); // PROCESSING is not settled: no change
        await tx.documentQueue.fail('w', document.id, 'x'.repeat(2_000), { maxAttempts: 1, backoffMs: 0 });
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.documents.delete({ userId: owner.id }, document.id);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await db.documents.delete({ userId: owner.id }, document.id);

      await until(() => events.length >= 4);
      expect(events.map((event) => event.status)).toEqual(['PENDING', 'PROCESSING', 'FAILED', 'DELETED']);
      expect(events[2]).toMatchObject({ documentId: document.id, collectionId: document.collectionId, ownerId: owner.id, attempts: 1 });
      expect(events[2]?.error).toHaveLength(500);
    } finally {
      await stop();
    }
  });

  if (target.name === 'postgres') {
    it('reaches a listener in another process, on another connection', async () => {
      const other = await openDatabase({ url: db.url, migrate: false });
      const events: DocumentStatusEvent[] = [];
      const stop = await other.watchDocumentStatus((event) => events.push(event));
      try {
        const owner = await createUser(db);
        const document = await createDocument(db, owner.id);
        await until(() => events.length === 1);
        expect(events[0]).toMatchObject({ documentId: document.id, status: 'PENDING' });
      } finally {
        await stop();
        await other.close();
      }
    });
  }
});
