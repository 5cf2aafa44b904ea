import { existsSync } from 'node:fs';
import { testDatabaseTargets } from '@docent/persistence/testing';
import { type Browser, chromium } from 'playwright-core';
import { eventually, signUp } from './graphql-client';
import { type TestGateway, startTestGateway } from './test-gateway';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// Flags that keep Chromium from calling home; the test also checks that nothing did. Playwright
// gives every launch a fresh profile.
const QUIET_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SEARCH = 'query Search { search(input: { query: "lighthouse keepers wicks", mode: KEYWORD }) { rank text document { title } } }';

describe('GraphiQL in a real browser', () => {
  let server: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
    server = await startTestGateway(testDatabaseTargets()[0]!);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens /graphiql, takes a token in the headers pane, runs a search and shows its results, with no request leaving the server', async () => {
    const { token } = await signUp(server, 'admin-browser');
    const ingested = await server.graphql<{ ingestDocuments: { id: string }[] }>(
      'mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id } }',
      { inputs: [{ title: 'Lighthouse log', content: 'The lighthouse keepers trimmed the wicks at dusk.' }] },
      token,
    );
    const id = ingested.data!.ingestDocuments[0]!.id;
    await eventually(
      () => server.graphql<{ document: { status: string } }>('query ($id: ID!) { document(id: $id) { status } }', { id }, token),
      (response) => response.data?.document.status === 'READY',
    );

    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${server.gateway.url}/graphiql`);
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor({ timeout: 30_000 });

    await replaceEditorText(page, '.graphiql-query-editor', SEARCH);
    await page.getByRole('button', { name: /headers/i }).first().click();
    await replaceEditorText(page, '.graphiql-editor-tool', JSON.stringify({ Authorization: `Bearer ${token}` }));
    await page.locator('.graphiql-execute-button').click();

    const response = page.locator('.graphiql-response');
    await response.getByText('Lighthouse log').waitFor({ timeout: 30_000 });
    expect((await response.innerText()).replace(/\s+/g, ' ')).toContain('"rank": 1, "text": "The lighthouse keepers trimmed the wicks at dusk."');
    const origin = new URL(server.gateway.url).origin;
    expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
    expect(requested.some((url) => url === `${origin}/graphql`)).toBe(true);
  });

  it('runs a subscription over WebSocket with the token of the headers pane, and shows the events as they come', async () => {
    const { token } = await signUp(server, 'admin-subscriber');
    const page = await browser.newPage();
    await page.goto(`${server.gateway.url}/graphiql`);
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor({ timeout: 30_000 });
    await replaceEditorText(page, '.graphiql-query-editor', 'subscription Watch { documentStatusChanged { status chunkCount } }');
    await page.getByRole('button', { name: /headers/i }).first().click();
    await replaceEditorText(page, '.graphiql-editor-tool', JSON.stringify({ Authorization: `Bearer ${token}` }));
    await page.locator('.graphiql-execute-button').click();

    // GraphiQL shows the latest event; documents keep arriving until one is seen READY.
    const response = page.locator('.graphiql-response');
    await eventually(
      async () => {
        await server.graphql('mutation ($input: DocumentInput!) { ingestDocument(input: $input) { id } }', { input: { title: 'Watched', content: `A note watched live ${crypto.randomUUID()}.` } }, token);
        await new Promise((resolve) => setTimeout(resolve, 500));
        return (await response.innerText()).replace(/\s+/g, ' ');
      },
      (text) => text.includes('"status": "READY"'),
      30_000,
    );
    expect((await response.innerText()).replace(/\s+/g, ' ')).toContain('"chunkCount": 1');
  });
});

/** Monaco ignores fill(); select everything and insert the text as one input (no auto-closing brackets). */
async function replaceEditorText(page: import('playwright-core').Page, container: string, text: string): Promise<void> {
  await page.locator(`${container} .monaco-editor .view-lines`).filter({ visible: true }).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}
