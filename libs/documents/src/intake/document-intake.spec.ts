import type { Database, DocumentRecord } from '@docent/persistence';
import { DEFAULT_DOCUMENTS_CONFIG } from '../documents-config';
import { BUILT_IN_PARSERS } from '../parsing/built-in-parsers';
import { DocumentParsers } from '../parsing/document-parser';
import { DocumentIntake } from './document-intake';

const OWNER = { userId: '00000000-0000-4000-8000-000000000001' };
const DEFAULT_COLLECTION = { id: '00000000-0000-4000-8000-0000000000c1', role: 'OWNER' };

/** Documents in memory in one collection the caller owns, behind the one transaction intake opens; `commits` counts the transactions that finished. */
function store() {
  const documents: (DocumentRecord & { content: string })[] = [];
  let commits = 0;
  const repository = {
    findBySourceIdInCollection: async (_collection: string, sourceId: string) => documents.find((document) => document.sourceId === sourceId) ?? null,
    findByContentHashInCollection: async (_collection: string, hash: string) => documents.find((document) => document.contentHash === hash) ?? null,
    create: async (fields: Partial<DocumentRecord>) => {
      const created = { ...fields, id: `doc-${documents.length + 1}`, status: 'PENDING', sourceId: fields.sourceId ?? null } as DocumentRecord & { content: string };
      documents.push(created);
      return created;
    },
    replaceContentInCollection: async (_collection: string, id: string, fields: Partial<DocumentRecord>) => {
      const existing = documents.find((document) => document.id === id)!;
      Object.assign(existing, fields, { status: 'PENDING' });
      return existing;
    },
  };
  const collections = { findDefault: async () => DEFAULT_COLLECTION, findForWrite: async () => DEFAULT_COLLECTION };
  const db = {
    transaction: async <T>(work: (tx: { documents: typeof repository; collections: typeof collections }) => Promise<T>) => {
      const result = await work({ documents: repository, collections });
      commits += 1;
      return result;
    },
  };
  return { documents, commits: () => commits, db: db as unknown as Pick<Database, 'transaction' | 'documents' | 'collections'> };
}

const markdown = { title: 'Notes', content: '# Tea\n\nGreen tea is steamed.', mimeType: 'text/markdown' };

describe('DocumentIntake', () => {
  it('stores new content once: the same content again, or the same sourceId with the same content, returns the stored document', async () => {
    const { documents, db } = store();
    const intake = new DocumentIntake(db, DEFAULT_DOCUMENTS_CONFIG);

    const [first] = await intake.ingest(OWNER, [markdown]);
    const [again] = await intake.ingest(OWNER, [{ ...markdown, title: 'Same text, other title' }]);
    const [bySource] = await intake.ingest(OWNER, [{ ...markdown, sourceId: 'notes.md' }]);
    const [sameSource] = await intake.ingest(OWNER, [{ ...markdown, sourceId: 'notes.md' }]);
    const [edited] = await intake.ingest(OWNER, [{ ...markdown, content: '# Tea\n\nBlack tea is oxidised.', sourceId: 'notes.md' }]);

    expect(again!.id).toBe(first!.id);
    expect(sameSource!.id).toBe(bySource!.id);
    expect(edited!.id).toBe(bySource!.id);
    expect(documents.map((document) => document.content)).toEqual([markdown.content, '# Tea\n\nBlack tea is oxidised.']);
  });

  it('checks every document before storing any, and reports every problem with its index', async () => {
    const { documents, commits, db } = store();
    const intake = new DocumentIntake(db, { maxContentBytes: 20, maxDocumentsPerCall: 5 });

    const refused = intake.ingest(OWNER, [
      { title: 'ok', content: 'fine', mimeType: 'text/plain' },
      { title: ' ', content: 'fine', mimeType: 'application/msword' },
      { title: 'nul', content: 'a\u0000b', mimeType: 'text/plain' },
      { title: 'big', content: 'x'.repeat(21), mimeType: 'text/plain' },
      { title: 'n\u0000l', content: 'fine', mimeType: 'text/plain', sourceId: 'a\u0000b' },
    ]);

    await expect(refused).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const { problems } = (await refused.catch((error: { details: { problems: string[] } }) => error.details)) as { problems: string[] };
    expect(problems).toEqual([
      'documents[1].title: must not be empty',
      'documents[1].mimeType: must be one of text/plain, text/markdown, text/html, application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'documents[2].content: must not contain NUL characters',
      'documents[3].content: 21 bytes, more than the limit of 20',
      'documents[4].title: must not contain NUL characters',
      'documents[4].sourceId: must not contain NUL characters',
    ]);
    expect(documents).toEqual([]);
    expect(commits()).toBe(0);
  });

  it('accepts exactly the formats of the parsers it is given', async () => {
    const csv = new DocumentParsers([...BUILT_IN_PARSERS, { mimeTypes: ['text/csv'], toPlainText: (content) => content }]);
    const table = { title: 'Table', content: 'a,b\n1,2', mimeType: 'text/csv' };

    await expect(new DocumentIntake(store().db, DEFAULT_DOCUMENTS_CONFIG).ingest(OWNER, [table])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(new DocumentIntake(store().db, DEFAULT_DOCUMENTS_CONFIG, csv).ingest(OWNER, [table])).resolves.toMatchObject([{ mimeType: 'text/csv' }]);
  });

  it('refuses an empty call and one over the per-call limit', async () => {
    const intake = new DocumentIntake(store().db, { ...DEFAULT_DOCUMENTS_CONFIG, maxDocumentsPerCall: 2 });

    await expect(intake.ingest(OWNER, [])).rejects.toThrow('Send at least one document');
    await expect(intake.ingest(OWNER, [markdown, markdown, markdown])).rejects.toThrow('At most 2 documents per call, got 3');
  });
});
