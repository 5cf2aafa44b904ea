import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pdfWithPages } from '@docent/documents/testing';
import { testDatabaseTargets } from '@docent/persistence/testing';
import { PASSWORD, eventually, signUp } from './graphql-client';
import { type TestGateway, startTestGateway } from './test-gateway';

const workspace = path.resolve(__dirname, '../../..');

interface CliRun {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

/** `npx docent …` as a user runs it: the package's bin, in its own process, in `cwd`. */
function docent(args: string[], options: { cwd: string; config: string; stdin?: string; env?: Record<string, string> }): CliRun {
  const child = spawn(process.execPath, [path.join(workspace, 'apps/cli/bin/docent.cjs'), ...args], {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'], HOME: options.cwd, DOCENT_CONFIG: options.config, ...options.env },
  });
  const run: CliRun = { child, stdout: [], stderr: [], exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null)))) };
  collectLines(child.stdout, run.stdout);
  collectLines(child.stderr, run.stderr);
  child.stdin?.end(options.stdin ?? '');
  return run;
}

function collectLines(stream: NodeJS.ReadableStream | null, into: string[]): void {
  let partial = '';
  stream?.on('data', (data: Buffer) => {
    const lines = (partial + data.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    into.push(...lines);
  });
  stream?.on('end', () => partial && into.push(partial));
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Package READMEs installed here (real text nobody here wrote), as a folder of `<package>/README.md`. */
function readmeFolder(into: string, count: number): string[] {
  const modules = path.join(workspace, 'node_modules');
  const picked: string[] = [];
  for (const name of readdirSync(modules).filter((entry) => !entry.startsWith('.') && !entry.startsWith('@')).sort()) {
    const readme = path.join(modules, name, 'README.md');
    const size = statSync(readme, { throwIfNoEntry: false })?.size ?? 0;
    if (size < 2_000 || size > 40_000) continue;
    mkdirSync(path.join(into, name), { recursive: true });
    cpSync(readme, path.join(into, name, 'README.md'));
    picked.push(`${name}/README.md`);
    if (picked.length === count) break;
  }
  return picked;
}

interface StoredDocument {
  id: string;
  sourceId: string;
  status: string;
  updatedAt: string;
  contentHash: string;
}

describe.each(testDatabaseTargets())('the docent CLI against a real gateway on $name', (target) => {
  let server: TestGateway;
  let home: string;
  let docs: string;
  let config: string;
  let token: string;
  let sourceIds: string[];

  beforeAll(async () => {
    server = await startTestGateway(target);
    home = mkdtempSync(path.join(tmpdir(), 'docent-cli-'));
    docs = path.join(home, 'docs');
    sourceIds = readmeFolder(docs, 60);
    // A PDF too: binary files travel as multipart uploads and are hashed as the server stores them.
    mkdirSync(path.join(docs, 'reports'));
    // Pages longer than a chunk (64 tokens here), so the second page starts chunks of its own.
    const page = (topic: string) => Array.from({ length: 8 }, (_, i) => `Line ${i} of the report: ${topic}.`).join('\n');
    writeFileSync(path.join(docs, 'reports', 'harbour.pdf'), await pdfWithPages([page('the quay was rebuilt in granite'), page('the signal mast carries storm cones')]));
    sourceIds.push('reports/harbour.pdf');
    writeFileSync(path.join(docs, 'logo.png'), 'not read');
    config = path.join(home, 'config', 'profiles.json');
    const user = await signUp(server, 'cli');
    token = user.token;
    const login = docent(['login', '--url', `${server.gateway.url}/graphql`, '--email', user.email, '--password-stdin'], { cwd: home, config, stdin: `${PASSWORD}\n` });
    expect(await login.exited).toBe(0);
  });

  afterAll(async () => {
    await server?.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function stored(): Promise<StoredDocument[]> {
    const response = await server.graphql<{ documents: { nodes: StoredDocument[] } }>('{ documents(first: 100) { nodes { id sourceId status updatedAt contentHash } } }', {}, token);
    return response.data?.documents.nodes ?? [];
  }

  it('login stores an API key (not the password) in a file only its owner can read, and the key works', async () => {
    const text = readFileSync(config, 'utf8');
    const profile = JSON.parse(text).profiles.default as { url: string; apiKey: string; email: string };
    expect(profile.url).toBe(server.gateway.url);
    expect(text).not.toContain(PASSWORD);
    expect(statSync(config).mode & 0o777).toBe(0o600);
    const keys = await server.graphql<{ apiKeys: { name: string; permissions: string[] }[] }>('{ apiKeys { name permissions } }', {}, token);
    expect(keys.data?.apiKeys).toEqual([expect.objectContaining({ name: expect.stringMatching(/^docent CLI on .+ \(default\)$/) })]);
    const me = await server.graphql<{ me: { email: string } }>('{ me { email } }', {}, profile.apiKey);
    expect(me.data?.me.email).toBe(profile.email);
  });

  it('ingests a folder, is interrupted by Ctrl-C, resumes where it stopped, then re-syncs only the one file edited', async () => {
    // 1. Interrupted after the second upload: the uploads in flight finish, nothing more is sent.
    const first = docent(['ingest', 'docs', '--concurrency', '1'], { cwd: home, config });
    await until(() => first.stderr.filter((line) => line.startsWith('sent ')).length >= 2, 'two files sent');
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(130);
    expect(first.stdout.join('\n')).toMatch(/Interrupted with \d+ files not sent: run the same command again to resume/);
    const afterInterrupt = await stored();
    expect(afterInterrupt.length).toBeGreaterThanOrEqual(2);
    expect(afterInterrupt.length).toBeLessThan(sourceIds.length);

    // 2. Resumed: what is stored is not sent again; the rest is, and all of it ends READY.
    const second = docent(['ingest', 'docs', '--json'], { cwd: home, config });
    expect(await second.exited).toBe(0);
    const resumed = JSON.parse(second.stdout.join('')) as Record<string, unknown>;
    expect(resumed).toMatchObject({ files: sourceIds.length, unchanged: afterInterrupt.length, created: sourceIds.length - afterInterrupt.length, updated: 0, rejected: 0, ready: sourceIds.length, failed: 0, waiting: 0, interrupted: false, unsupported: ['docs/logo.png'] });
    expect(resumed['chunks']).toBeGreaterThan(sourceIds.length);
    const complete = await stored();
    expect(complete.map((document) => document.sourceId).sort()).toEqual([...sourceIds].sort());
    expect(complete.every((document) => document.status === 'READY')).toBe(true);
    for (const before of afterInterrupt) expect(complete.find((document) => document.sourceId === before.sourceId)?.id).toBe(before.id);

    // 3. One file edited: only it is sent, it keeps its id, and search finds the new words in it.
    const edited = sourceIds[7] as string;
    appendFileSync(path.join(docs, edited), '\n\nZanzibarian quokkas maintain this package on Tuesdays.\n');
    const third = docent(['ingest', 'docs', '--json'], { cwd: home, config });
    expect(await third.exited).toBe(0);
    expect(JSON.parse(third.stdout.join(''))).toMatchObject({ files: sourceIds.length, created: 0, updated: 1, unchanged: sourceIds.length - 1, ready: sourceIds.length });
    const afterEdit = await stored();
    const changed = afterEdit.filter((document) => complete.find((before) => before.id === document.id)?.updatedAt !== document.updatedAt);
    expect(changed.map((document) => document.sourceId)).toEqual([edited]);

    const search = docent(['search', 'Zanzibarian quokkas', '--mode', 'keyword', '--json'], { cwd: home, config });
    expect(await search.exited).toBe(0);
    const [best] = JSON.parse(search.stdout.join('')) as { rank: number; text: string; document: { sourceId: string } }[];
    expect(best).toMatchObject({ rank: 1, document: { sourceId: edited } });
    expect(best?.text).toContain('Zanzibarian quokkas');
  });

  it('search prints ranked passages with where they come from, pages of PDFs included', async () => {
    const search = docent(['search', 'command line arguments', '-n', '3'], { cwd: home, config });
    const storm = docent(['search', 'storm cones', '--mode', 'keyword', '-n', '1'], { cwd: home, config });
    expect([await search.exited, await storm.exited]).toEqual([0, 0]);
    const ranks = search.stdout.filter((line) => /^\s*\d+\. \d+\.\d{3} {2}\S+\/README\.md/.test(line));
    expect(ranks.map((line) => Number(line.trim().split('.')[0]))).toEqual([1, 2, 3]);
    expect(storm.stdout[0]).toMatch(/^ 1\. \d+\.\d{3} {2}reports\/harbour\.pdf \(page 2\)$/);
    expect(storm.stdout[1]).toMatch(/^ {4}Line \d of the report: the signal mast carries storm cones\./);
  });

  it('--watch sends a file added while it runs and deletes the document of a file removed, until Ctrl-C', async () => {
    const watching = docent(['ingest', 'docs', '--watch'], { cwd: home, config });
    await until(() => watching.stderr.some((line) => line.startsWith('Watching docs')), 'watching');
    writeFileSync(path.join(docs, 'notes.md'), '# Notes\n\nA file written while the CLI watched the folder.\n');
    const removed = sourceIds[0] as string;
    rmSync(path.join(docs, removed));
    await until(() => watching.stderr.includes('READY    notes.md (1 chunks)') && watching.stderr.includes(`deleted  ${removed}`), 'the add and the removal synced');
    watching.child.kill('SIGINT');
    expect(await watching.exited).toBe(0);
    const after = await eventually(stored, (documents) => documents.some((document) => document.sourceId === 'notes.md'));
    expect(after.find((document) => document.sourceId === 'notes.md')?.status).toBe('READY');
    expect(after.some((document) => document.sourceId === removed)).toBe(false);
  });

  it('bad input: a wrong API key stops at once with the server\'s code; a file over the size limit is rejected and the others still sync', async () => {
    const wrongKey = docent(['ingest', 'docs'], { cwd: home, config, env: { DOCENT_API_KEY: 'dcnt_not-a-key' } });
    expect(await wrongKey.exited).toBe(1);
    expect(wrongKey.stderr.join('\n')).toMatch(/^docent: .+ \(UNAUTHENTICATED\)$/m);

    const mixed = path.join(home, 'mixed');
    mkdirSync(mixed);
    writeFileSync(path.join(mixed, 'huge.txt'), 'word '.repeat(500_000));
    writeFileSync(path.join(mixed, 'small.txt'), 'A small file next to a huge one.');
    const run = docent(['ingest', 'mixed', '--prefix', 'mixed/', '--json'], { cwd: home, config });
    expect(await run.exited).toBe(1);
    const summary = JSON.parse(run.stdout.join('')) as { created: number; rejected: number; ready: number; problems: { sourceId: string; error: string }[] };
    expect(summary).toMatchObject({ created: 1, rejected: 1, ready: 1 });
    expect(summary.problems).toEqual([{ sourceId: 'mixed/huge.txt', error: expect.stringMatching(/bytes/) }]);
    expect((await stored()).some((document) => document.sourceId === 'mixed/huge.txt')).toBe(false);
  });
});
