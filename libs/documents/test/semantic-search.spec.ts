import type { Database, UserRecord } from '@docent/persistence';
import { testDatabaseTargets } from '@docent/persistence/testing';
import { pipeline, realProvider } from './pipeline';

const PASSAGES = {
  reset: 'To reset a forgotten password, open the account settings page and choose "Forgot password"; a reset link arrives by email.',
  holidays: 'Our office is closed on public holidays and reopens on the next working day.',
  recipe: 'The bread recipe needs flour, water, salt and a password-protected oven timer is optional.',
  recovery: 'If you cannot sign in to your account any more, the support team can restore your access.',
  invoices: 'Invoices are sent by email at the start of every month and are payable within thirty days.',
};

describe.each(testDatabaseTargets())('search by meaning on $name (Universal Sentence Encoder lite, pretrained)', (target) => {
  let db: Database;
  let owner: UserRecord;
  const provider = realProvider('use-lite');
  let docent: Awaited<ReturnType<typeof pipeline>>;
  const idOf: Record<string, string> = {};

  beforeAll(async () => {
    db = await target.open();
    owner = await db.users.create({ email: `semantic-${Date.now()}@example.test`, passwordHash: 'x' });
    docent = await pipeline(db, provider);
    const stored = await docent.intake.ingest(
      { userId: owner.id },
      Object.entries(PASSAGES).map(([title, content]) => ({ title, content, mimeType: 'text/plain' as const })),
    );
    stored.forEach((document) => (idOf[document.title] = document.id));
    await docent.drain();
  });
  afterAll(async () => {
    await docent?.engine.close();
    await db?.close();
  });

  it('finds the right document for a paraphrased question that shares no keyword with it', async () => {
    const hits = await docent.search.search({ userId: owner.id }, 'what to do when I am locked out of my profile', { mode: 'SEMANTIC', first: 3 });

    expect([idOf['recovery'], idOf['reset']]).toContain(hits[0]?.documentId);
    expect(hits[0]?.score).toBeGreaterThan(hits[2]?.score as number);
  });

  it('ranks first, in hybrid mode, the document that matches by keyword and by meaning', async () => {
    const hybrid = await docent.search.search({ userId: owner.id }, 'forgot password', { mode: 'HYBRID', first: 5 });
    const keyword = await docent.search.search({ userId: owner.id }, 'forgot password', { mode: 'KEYWORD', first: 5 });

    expect(hybrid[0]?.documentId).toBe(idOf['reset']);
    expect(keyword.map((hit) => hit.documentId)).not.toContain(idOf['recovery']);
  });
});
