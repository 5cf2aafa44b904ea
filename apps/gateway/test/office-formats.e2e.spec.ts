import { docxWithSections, encryptedPdf, imageOnlyPdf, pdfWithPages } from '@docent/documents/testing';
import { testDatabaseTargets } from '@docent/persistence/testing';
import { codeOf, eventually, signUp } from './graphql-client';
import { type TestGateway, startTestGateway } from './test-gateway';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const INGEST = 'mutation ($input: DocumentInput!) { ingestDocument(input: $input) { id } }';

describe.each(testDatabaseTargets())('PDF and Word documents over HTTP on $name', (target) => {
  let server: TestGateway;
  let token: string;

  beforeAll(async () => {
    server = await startTestGateway(target, { env: { MAX_DOCUMENT_BYTES: '20000' } });
    token = (await signUp(server, 'office')).token;
  });
  afterAll(() => server?.close());

  const ingest = async (title: string, mimeType: string, file: Buffer) => {
    const response = await server.graphql<{ ingestDocument: { id: string } }>(INGEST, { input: { title, mimeType, content: file.toString('base64') } }, token);
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.ingestDocument.id;
  };
  const settled = (id: string) =>
    eventually(
      () => server.graphql<{ document: { status: string; error: string | null; chunkCount: number } }>('query ($id: ID!) { document(id: $id) { status error chunkCount } }', { id }, token),
      (response) => ['READY', 'FAILED'].includes(response.data?.document.status ?? ''),
    ).then((response) => response.data!.document);

  it('makes PDFs and Word documents searchable, each result with its page or heading', async () => {
    // Pages longer than a chunk (64 tokens here), so each page starts chunks of its own.
    const page = (topic: string) => Array.from({ length: 8 }, (_, i) => `Line ${i} of the log: ${topic}.`).join('\n');
    const pdf = await ingest('Harbour log', PDF, await pdfWithPages([page('the harbour master logs every ship'), page('the lighthouse lamp burns paraffin oil'), page('fog horns sound in winter storms')]));
    const docx = await ingest('Keeper handbook', DOCX, await docxWithSections([
      { heading: 'Tides', paragraphs: page('the moon pulls the sea twice a day').split('\n') },
      { heading: 'Lamps', paragraphs: page('wicks are trimmed every evening before dusk').split('\n') },
    ]));
    expect([await settled(pdf), await settled(docx)]).toMatchObject([{ status: 'READY' }, { status: 'READY' }]);

    const search = (query: string) =>
      server.graphql<{ search: { documentId: string; page: number | null; heading: string | null; text: string }[] }>(
        'query ($q: String!) { search(input: { query: $q, mode: KEYWORD, first: 5 }) { documentId page heading text } }',
        { q: query },
        token,
      );
    const [paraffin, fog, wicks] = await Promise.all([search('paraffin'), search('fog horns'), search('wicks trimmed')]);
    expect(paraffin.data!.search[0]).toMatchObject({ documentId: pdf, page: 2 });
    expect(fog.data!.search[0]).toMatchObject({ documentId: pdf, page: 3 });
    expect(wicks.data!.search[0]).toMatchObject({ documentId: docx, heading: 'Lamps', page: null });
    const chunks = await server.graphql<{ document: { chunks: { nodes: { page: number }[] } } }>('query ($id: ID!) { document(id: $id) { chunks { nodes { page } } } }', { id: pdf }, token);
    expect(chunks.data!.document.chunks.nodes.map((chunk) => chunk.page)).toEqual(expect.arrayContaining([1, 2, 3]));
  });

  it('gives Markdown and HTML chunks the heading they sit under too', async () => {
    const lines = (topic: string) => Array.from({ length: 8 }, (_, i) => `Line ${i} of the notes: ${topic}.`).join('\n\n');
    const ingestText = async (title: string, mimeType: string, content: string) => {
      const response = await server.graphql<{ ingestDocument: { id: string } }>(INGEST, { input: { title, mimeType, content } }, token);
      return response.data!.ingestDocument.id;
    };
    const md = await ingestText('Keeper notes', 'text/markdown', `# Tides\n\n${lines('the moon pulls the sea')}\n\n## Spring *tides*\n\n${lines('the sun and moon align for the highest water')}`);
    const html = await ingestText('Keeper page', 'text/html', `<h1>Lamps</h1><p>${lines('paraffin wicks are trimmed')}</p><h2 id="fog">Fog signals</h2><p>${lines('the horn sounds every thirty seconds')}</p>`);
    expect([await settled(md), await settled(html)]).toMatchObject([{ status: 'READY' }, { status: 'READY' }]);

    const first = async (query: string) =>
      (await server.graphql<{ search: { documentId: string; heading: string | null }[] }>('query ($q: String!) { search(input: { query: $q, mode: KEYWORD, first: 1 }) { documentId heading } }', { q: query }, token)).data!.search[0];
    expect(await first('highest water align')).toEqual({ documentId: md, heading: 'Spring tides' });
    expect(await first('moon pulls')).toEqual({ documentId: md, heading: 'Tides' });
    expect(await first('horn thirty seconds')).toEqual({ documentId: html, heading: 'Fog signals' });
  });

  it.each([
    ['an encrypted PDF', PDF, () => encryptedPdf('secret plans'), 'The PDF is encrypted (password-protected); send it decrypted'],
    ['an image-only PDF', PDF, imageOnlyPdf, 'The PDF has no text layer on any of its 1 pages (scanned or image-only?); run OCR first'],
    ['a corrupt PDF', PDF, async () => Buffer.from('%PDF-1.7\nnot really a PDF'), /^The PDF is corrupt: /],
    ['a corrupt Word document', DOCX, async () => Buffer.from('PK\u0003\u0004 not really a zip'), /^The DOCX file is corrupt: /],
  ])('ends %s FAILED at once with a clear error and no chunks', async (_, mimeType, file, error) => {
    const document = await settled(await ingest('Unreadable', mimeType, await file()));

    expect(document).toMatchObject({ status: 'FAILED', chunkCount: 0 });
    expect(document.error).toMatch(error);
  });

  it('refuses bad input before storing anything: oversize, a wrong MIME type, broken base64', async () => {
    const before = await server.database.documentQueue.countByStatus();
    const big = await pdfWithPages(Array.from({ length: 300 }, (_, i) => `Page ${i} `.repeat(60)));
    expect(big.length).toBeGreaterThan(20_000);
    const cases: [string, Record<string, unknown>][] = [
      [`${big.length} bytes, more than the limit of 20000`, { title: 'Big', mimeType: PDF, content: big.toString('base64') }],
      ['must be one of', { title: 'Odd', mimeType: 'application/msword', content: 'AAAA' }],
      ['must be sent base64-encoded', { title: 'Broken', mimeType: PDF, content: 'this is not base64!' }],
      ['must be sent base64-encoded', { title: 'Truncated', mimeType: DOCX, content: 'UEsDBA=' }],
    ];
    for (const [message, input] of cases) {
      const response = await server.graphql(INGEST, { input }, token);
      expect([codeOf(response), response.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', expect.stringContaining(message)]);
    }
    expect(await server.database.documentQueue.countByStatus()).toEqual(before);
  });
});
