// The README's GraphiQL screenshots, taken from a real gateway in Chromium after signing in from
// the Sign in tab: a search with its results, and a subscription showing a document's status as it changes.
//   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/docs/graphiql-screenshots.ts
import path from 'node:path';
import { type Page, chromium } from 'playwright-core';
import { startInMemoryGateway } from '../bench/lib/in-memory-gateway';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const OUT = path.resolve(__dirname, '../../docs/images');
const NOTES = [
  ['Lighthouse log', 'The keepers trimmed the wicks at dusk and wound the clockwork that turned the lens.'],
  ['Harbour rules', 'Ships wait outside the breakwater until the harbour master signals with the lamp.'],
  ['Tide table', 'Spring tides follow the full and the new moon; neap tides follow the quarters.'],
];

async function main(): Promise<void> {
  const { docent, gateway, close } = await startInMemoryGateway({ processing: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const { user } = await docent.auth.service.register({ email: 'admin@example.org', password: 'a screenshot password' }, 'screenshots');
    const ingest = (title: string, content: string) => docent.documents.intake.ingest({ userId: user.id }, [{ title, content, mimeType: 'text/plain' }]);
    for (const [title, content] of NOTES) await ingest(title as string, content as string);
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    await page.goto(`${gateway.url}/graphiql`);
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor({ timeout: 60_000 });
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill('admin@example.org');
    await form.getByLabel('Password').fill('a screenshot password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').waitFor({ timeout: 10_000 });

    await replaceEditorText(page, '.graphiql-query-editor', 'query Search { search(input: { query: "when do ships enter the harbour", first: 2 }) { rank score text document { title } } }');
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response').getByText('"score"').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'graphiql-search.png') });

    await replaceEditorText(page, '.graphiql-query-editor', 'subscription Watch { documentStatusChanged { documentId status chunkCount } }');
    await page.locator('.graphiql-execute-button').click();
    for (let attempt = 0; attempt < 20; attempt++) {
      await ingest(`Keeper's diary ${attempt}`, `Fog again on day ${attempt}; the horn sounded every thirty seconds.`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if ((await page.locator('.graphiql-response').innerText()).includes('READY')) break;
    }
    await page.screenshot({ path: path.join(OUT, 'graphiql-subscription.png') });
    console.log(`wrote graphiql-search.png and graphiql-subscription.png in ${OUT}`);
  } finally {
    await browser.close();
    await close();
  }
}

/** CodeMirror ignores fill(); select everything and insert the text as one input, then let GraphiQL lay it out. */
async function replaceEditorText(page: Page, container: string, text: string): Promise<void> {
  await page.locator(`${container} .CodeMirror`).filter({ visible: true }).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.getByRole('button', { name: /prettify/i }).first().click();
  await page.keyboard.press('Control+Home');
  // GraphiQL reads the operation's name from the editor a moment later.
  await page.waitForTimeout(500);
}

void main();
