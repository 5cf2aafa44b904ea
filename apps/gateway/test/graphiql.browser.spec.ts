import { existsSync } from 'node:fs';
import { testDatabaseTargets } from '@docent/persistence/testing';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { PASSWORD, codeOf, eventually, signUp } from './graphql-client';
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
    // Access tokens of 30 s: the Sign in tab renews its session a minute before expiry, here at once (after 5 s).
    server = await startTestGateway(testDatabaseTargets()[0]!, { auth: { accessTokenTtlSeconds: 30 } });
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
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor({ timeout: 30_000 });

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

  it('signs in from the Sign in tab: a wrong password shows its code, the session fills the Authorization header (and that of new tabs) and queries run as that user, it is renewed before it expires, and signing out ends the session and empties it', async () => {
    const { email } = await signUp(server, 'admin-sign-in');
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => message.text().includes('Content Security Policy') && violations.push(message.text()));
    const answer = await page.goto(`${server.gateway.url}/graphiql`);
    const headers = page.locator('.graphiql-editor-tool .CodeMirror').filter({ visible: true });
    const form = page.getByRole('form', { name: 'Sign in' });

    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill('not the password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('alert').innerText()).toMatch(/\(UNAUTHENTICATED\)$/);

    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('status').innerText()).toContain(`As ${email} (USER)`);
    const token = JSON.parse(await editorText(headers)).Authorization as string;
    expect(token).toMatch(/^Bearer \S+$/);
    await replaceEditorText(page, '.graphiql-query-editor', 'query Me { me { email } }');
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response').getByText(email).waitFor({ timeout: 30_000 });

    // A tab opened now starts signed in, and the tab before keeps its query.
    await page.locator('.graphiql-tab-add').click();
    expect(JSON.parse(await editorText(headers)).Authorization).toBe(token);
    await page.locator('.graphiql-tab-button').filter({ hasText: /^Me$/ }).click();
    await eventually(() => editorText(page.locator('.graphiql-query-editor .CodeMirror')), (query) => query === 'query Me { me { email } }', 5_000);

    const renewed = await eventually(async () => JSON.parse(await editorText(headers)).Authorization as string, (authorization) => authorization !== token, 20_000);
    expect(renewed).toMatch(/^Bearer \S+$/);
    expect((await server.graphql<{ me: { email: string } }>('{ me { email } }', {}, renewed.replace('Bearer ', ''))).data?.me.email).toBe(email);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await eventually(async () => JSON.parse(await editorText(headers)).Authorization as string, (authorization) => authorization === '', 10_000);
    // Signing out ended the session: its token is refused from then on.
    expect(codeOf(await server.graphql('{ me { email } }', {}, renewed.replace('Bearer ', '')))).toBe('UNAUTHENTICATED');
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self';");
    expect(violations).toEqual([]);
  });

  it('loads its scripts compressed and cached for good: a reload asks the server for the page only', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const assets: { url: string; encoding?: string; cache?: string }[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/graphiql/assets/')) assets.push({ url: response.url(), encoding: response.headers()['content-encoding'], cache: response.headers()['cache-control'] });
    });
    await page.goto(`${server.gateway.url}/graphiql`);
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor({ timeout: 30_000 });
    const served = () => server.logs.filter((line) => line.includes('/graphiql/assets/') && line.includes('"statusCode":200')).length;
    const before = served();
    await page.reload();
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor({ timeout: 30_000 });
    await context.close();

    expect(assets.length).toBeGreaterThanOrEqual(6);
    // Chromium asks for brotli over HTTPS only; here it gets gzip.
    expect(assets.every((asset) => asset.encoding === 'gzip' && asset.cache === 'public, max-age=31536000, immutable')).toBe(true);
    expect(before).toBeGreaterThanOrEqual(6);
    expect(served()).toBe(before);
    const brotli = await fetch(assets[0]!.url, { headers: { 'accept-encoding': 'br' } });
    expect([brotli.headers.get('content-encoding'), brotli.headers.get('vary')]).toEqual(['br', 'accept-encoding']);
    const missing = await fetch(`${server.gateway.url}/graphiql/assets/nothing.123.js`);
    expect(missing.status).toBe(404);
  });

  it('runs a subscription over WebSocket with the token of the headers pane, and shows the events as they come', async () => {
    const { token } = await signUp(server, 'admin-subscriber');
    const page = await browser.newPage();
    await page.goto(`${server.gateway.url}/graphiql`);
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor({ timeout: 30_000 });
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

/** What a CodeMirror editor holds (its DOM shows only the lines in view). */
async function editorText(editor: Locator): Promise<string> {
  return editor.first().evaluate((element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
}

/**
 * CodeMirror ignores fill(); select everything and insert the text as one input (no auto-closing
 * brackets). A named operation is in GraphiQL's state once the active tab is titled with its name.
 */
async function replaceEditorText(page: Page, container: string, text: string): Promise<void> {
  await page.locator(`${container} .CodeMirror`).filter({ visible: true }).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  const operationName = /^(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1];
  if (container === '.graphiql-query-editor' && operationName) await page.locator('.graphiql-tab-active').filter({ hasText: operationName }).waitFor({ timeout: 10_000 });
}
