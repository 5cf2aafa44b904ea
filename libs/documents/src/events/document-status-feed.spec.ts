import type { CollectionRecord, Database, DocumentStatusEvent } from '@docent/persistence';
import { DocumentStatusFeed } from './document-status-feed';

/** A database whose status events the test sends by hand, and whose reachable collections it sets. */
function fakeDatabase() {
  let emit: (event: DocumentStatusEvent) => void = () => undefined;
  const reach = { collections: ['c1'] };
  const db = {
    watchDocumentStatus: async (onEvent: (event: DocumentStatusEvent) => void) => {
      emit = onEvent;
      return async () => undefined;
    },
    collections: { list: async () => reach.collections.map((id) => ({ id }) as CollectionRecord) },
  } as unknown as Pick<Database, 'watchDocumentStatus' | 'collections'>;
  return { db, reach, emit: (event: Partial<DocumentStatusEvent>) => emit({ documentId: 'd1', collectionId: 'c1', ownerId: 'u', status: 'PENDING', chunkCount: 0, attempts: 0, error: null, ...event }) };
}

describe('DocumentStatusFeed', () => {
  it('delivers every transition in order, only of reachable collections and of the filtered documents', async () => {
    const { db, emit } = fakeDatabase();
    const feed = new DocumentStatusFeed(db, { maxPending: 10, reachTtlMs: 60_000 });
    const all = await feed.subscribe({ userId: 'u' });
    const one = await feed.subscribe({ userId: 'u' }, { documentIds: ['d2'] });

    emit({ status: 'PENDING' });
    emit({ documentId: 'elsewhere', collectionId: 'c2' });
    emit({ status: 'PROCESSING' });
    emit({ documentId: 'd2', status: 'READY' });

    expect([(await all.next()).value, (await all.next()).value, (await all.next()).value].map((event) => [event.documentId, event.status])).toEqual([
      ['d1', 'PENDING'],
      ['d1', 'PROCESSING'],
      ['d2', 'READY'],
    ]);
    expect((await one.next()).value).toMatchObject({ documentId: 'd2', status: 'READY' });
    await feed.close();
    expect(await all.next()).toEqual({ done: true, value: undefined });
  });

  it('stops delivering a collection once it is no longer reachable, within the reach period', async () => {
    const { db, reach, emit } = fakeDatabase();
    const feed = new DocumentStatusFeed(db, { maxPending: 10, reachTtlMs: 0 });
    const subscription = await feed.subscribe({ userId: 'u' });

    emit({ status: 'PENDING' });
    expect((await subscription.next()).value).toMatchObject({ status: 'PENDING' });
    reach.collections = [];
    emit({ status: 'READY' });
    emit({ documentId: 'later', collectionId: 'c3' });
    reach.collections = ['c3'];
    const next = await subscription.next();

    expect(next.value).toMatchObject({ documentId: 'later' });
    await feed.close();
  });

  it('ends a subscription that falls more than maxPending events behind with SLOW_CONSUMER, holding none of them', async () => {
    const { db, emit } = fakeDatabase();
    const feed = new DocumentStatusFeed(db, { maxPending: 3, reachTtlMs: 60_000 });
    const slow = await feed.subscribe({ userId: 'u' });

    for (let i = 0; i < 4; i++) emit({ documentId: `d${i}` });

    await expect(slow.next()).rejects.toMatchObject({ code: 'SLOW_CONSUMER' });
    expect(feed.size).toBe(0);
    expect(await slow.next()).toEqual({ done: true, value: undefined });
  });
});
