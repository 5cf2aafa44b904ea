// How long /graphiql takes to become usable in headless Chromium, from a cold cache and from a
// warm one (a reload), and how many bytes it transfers.
//   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/graphiql/run.ts
// Usable: the query editor has drawn its text (at least its line numbers) and the run button is on screen.
import { type Page, chromium } from 'playwright-core';
import { startInMemoryGateway } from '../lib/in-memory-gateway';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const RUNS = Number(process.env['RUNS'] ?? 5);

async function main(): Promise<void> {
  const { gateway, close } = await startInMemoryGateway({ processing: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      // A fresh context is a fresh profile: an empty HTTP cache.
      const context = await browser.newContext();
      const page = await context.newPage();
      const transferred = countBytes(page);
      cold.push(await timeToUsable(page, () => page.goto(`${gateway.url}/graphiql`)));
      bytes = transferred();
      warm.push(await timeToUsable(page, () => page.reload()));
      await context.close();
    }
    console.log(`GraphiQL, ${RUNS} runs: cold ${summary(cold)}; warm (reload) ${summary(warm)}; ${(bytes / 1e6).toFixed(2)} MB transferred cold`);
  } finally {
    await browser.close();
    await close();
  }
}

async function timeToUsable(page: Page, navigate: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await navigate();
  await page.locator('.graphiql-execute-button').first().waitFor({ state: 'visible', timeout: 120_000 });
  // A string: it runs in the page, where the DOM's types are (not in this file's Node types).
  await page.waitForFunction("document.querySelector('.graphiql-query-editor')?.innerText.trim().length > 0", undefined, { timeout: 120_000, polling: 20 });
  return performance.now() - started;
}

/** Bytes on the wire (compressed) of every response the page receives. */
function countBytes(page: Page): () => number {
  let total = 0;
  page.on('requestfinished', (request) => {
    void request.sizes().then((sizes) => (total += sizes.responseBodySize + sizes.responseHeadersSize)).catch(() => undefined);
  });
  return () => total;
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return `median ${(median / 1000).toFixed(2)} s (min ${((sorted[0] as number) / 1000).toFixed(2)}, max ${((sorted.at(-1) as number) / 1000).toFixed(2)})`;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
