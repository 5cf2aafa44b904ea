import type { Database, DocumentRecord } from '@docent/persistence';
import type { ModelRuntime } from '../models/model-runtime';
import { DocumentLibrary } from './document-library';

const OWNER = { userId: '00000000-0000-4000-8000-000000000001' };

/** `count` documents, newest first as the repository lists them; `calls` records every lookup. */
function library(count: number) {
  const documents = Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(count - i).padStart(12, '0')}`,
    createdAt: new Date(Date.UTC(2026, 0, count - i)),
    title: `Document ${count - i}`,
  })) as DocumentRecord[];
  const calls: string[] = [];
  const db = {
    documents: {
      list: async (_access: unknown, { first, after }: { first: number; after?: { createdAt: Date; id: string } }) => {
        calls.push('list');
        const start = after ? documents.findIndex((document) => document.id === after.id) + 1 : 0;
        return documents.slice(start, start + first);
      },
      findById: async (_access: unknown, id: string) => {
        calls.push('findById');
        return documents.find((document) => document.id === id) ?? null;
      },
      delete: async () => {
        calls.push('delete');
        return false;
      },
    },
  } as unknown as Database;
  return { documents, calls, library: new DocumentLibrary(db, { active: async () => ({ model: { id: 1 } }) as ModelRuntime }) };
}

describe('DocumentLibrary', () => {
  it('pages newest first with opaque cursors until the last page says there is no next one', async () => {
    const { documents, library: docs } = library(5);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await docs.list(OWNER, { first: 2, after });
      seen.push(...page.nodes.map((document) => document.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(after).not.toContain(documents[0]!.id);
    }

    expect(seen).toEqual(documents.map((document) => document.id));
  });

  it.each([
    ['first: 0', { first: 0 }, 'first'],
    ['first: 101', { first: 101 }, 'first'],
    ['a forged cursor', { first: 2, after: Buffer.from('["yesterday","x"]').toString('base64url') }, 'after'],
  ])('refuses %s as BAD_USER_INPUT before any query', async (_, options, field) => {
    const { calls, library: docs } = library(3);

    await expect(docs.list(OWNER, options)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field } });
    expect(calls).toEqual([]);
  });

  it('answers NOT_FOUND for an id that is not a UUID without asking the database', async () => {
    const { calls, library: docs } = library(1);

    await expect(docs.get(OWNER, "1' OR '1'='1")).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(docs.delete(OWNER, 'not-an-id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(calls).toEqual([]);
  });
});
