// A frontend team's first integration with Docent, typed end to end: sign up, send two
// documents, wait until they are searchable, and search them.
//   DOCENT_URL=http://127.0.0.1:4000 npm run example:typed-client
import { DocentClient } from './docent-client';
import { DocumentStatus, IngestDocuments, Register, Search } from './operations';

const DOCUMENTS = [
  { title: 'Tea', content: 'Green tea is steeped at eighty degrees for two minutes.', metadata: { topic: 'drinks' } },
  { title: 'Bicycles', content: '# Repairs\n\nA loose chain is tightened by sliding the rear wheel back.', mimeType: 'text/markdown' },
];

async function main(): Promise<void> {
  const client = new DocentClient(process.env['DOCENT_URL'] ?? 'http://127.0.0.1:4000');

  const { register } = await client.request(Register, { input: { email: `example-${Date.now()}@example.com`, password: 'an example password of some length' } });
  client.signIn(register.accessToken);
  console.log(`signed up as ${register.user.email}`);

  const { ingestDocuments } = await client.request(IngestDocuments, { inputs: DOCUMENTS });
  for (const document of ingestDocuments) await waitUntilReady(client, document.id);

  const { search } = await client.request(Search, { input: { query: 'tighten a loose chain', first: 3 } });
  for (const hit of search) console.log(`${hit.rank}. ${hit.document?.title ?? '(deleted)'} (${hit.score.toFixed(3)}): ${hit.text.replace(/\s+/g, ' ')}`);
  if (search[0]?.document?.title !== 'Bicycles') throw new Error('expected the bicycle document first');
}

async function waitUntilReady(client: DocentClient, id: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { document } = await client.request(DocumentStatus, { id });
    if (document.status === 'READY') return;
    if (document.status === 'FAILED') throw new Error(`document ${id} failed: ${document.error}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`document ${id} was not processed within a minute`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
