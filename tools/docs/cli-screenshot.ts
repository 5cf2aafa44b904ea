// The README's screenshot of `docent ingest`: the CLI's own output, from a real run against a
// real gateway (200 package READMEs installed here, the MiniLM-shaped fixture model), drawn in a
// terminal-like page in Chromium. Shows the progress bar half-way, then the end and the summary.
//   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/docs/cli-screenshot.ts
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startInMemoryGateway } from '../bench/lib/in-memory-gateway';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WORKSPACE = path.resolve(__dirname, '../..');
const OUT = path.join(WORKSPACE, 'docs/images/cli-ingest.png');
const FILES = 200;

async function main(): Promise<void> {
  const { docent, gateway, close } = await startInMemoryGateway({ processing: true });
  const home = mkdtempSync(path.join(tmpdir(), 'docent-cli-shot-'));
  try {
    const { accessToken } = await docent.auth.service.register({ email: 'admin@example.org', password: 'a screenshot password' }, 'screenshots');
    const created = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: 'mutation { createApiKey(name: "cli", permissions: [SEARCH, READ, INGEST, MANAGE]) { secret } }' }),
    });
    const secret = ((await created.json()) as { data: { createApiKey: { secret: string } } }).data.createApiKey.secret;
    copyReadmes(path.join(home, 'docs'));
    const output = await run(['ingest', 'docs', '--progress', 'bar'], home, { DOCENT_URL: gateway.url, DOCENT_API_KEY: secret });
    await draw(output);
    console.log(`wrote ${OUT}`);
  } finally {
    rmSync(home, { recursive: true, force: true });
    await close();
  }
}

/** Package READMEs installed here, as docs/<package>/README.md. */
function copyReadmes(into: string): void {
  const modules = path.join(WORKSPACE, 'node_modules');
  let copied = 0;
  for (const name of readdirSync(modules).filter((entry) => !entry.startsWith('.') && !entry.startsWith('@')).sort()) {
    const readme = path.join(modules, name, 'README.md');
    if (!existsSync(readme) || statSync(readme).size < 2_000) continue;
    mkdirSync(path.join(into, name), { recursive: true });
    cpSync(readme, path.join(into, name, 'README.md'));
    if (++copied === FILES) return;
  }
}

function run(args: string[], cwd: string, env: Record<string, string>): Promise<{ stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(WORKSPACE, 'apps/cli/bin/docent.cjs'), ...args], { cwd, env: { PATH: process.env['PATH'], ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve({ stdout, stderr }));
  });
}

async function draw({ stderr, stdout }: { stderr: string; stdout: string }): Promise<void> {
  // eslint-disable-next-line no-control-regex
  const frames = stderr.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').split(/[\r\n]+/).filter((line) => / files \| sent /.test(line));
  const settled = (frame: string) => Number(/ (\d+)\/\d+ files/.exec(frame)?.[1] ?? 0);
  const middle = frames.find((frame) => settled(frame) >= FILES / 2) ?? frames[Math.floor(frames.length / 2)];
  const last = frames.at(-1);
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const lines = ['$ npx docent ingest docs', middle, '', '... and when it is done:', '', last, ...stdout.trimEnd().split('\n')].map((line) => escape(line ?? ''));
  const html = `<!doctype html><html><body style="margin:0;background:#1e1e1e"><pre style="margin:0;padding:18px 22px;color:#e6e6e6;font:14px/1.45 'DejaVu Sans Mono',monospace;white-space:pre">${lines.join('\n')}</pre></body></html>`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1180, height: 200 } });
    await page.setContent(html);
    await page.locator('pre').screenshot({ path: OUT });
  } finally {
    await browser.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
