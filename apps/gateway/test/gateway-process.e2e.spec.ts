import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { ensureFixtureModel } from '@docent/embeddings/testing';

const workspace = path.resolve(__dirname, '../../..');

/** `npm start`'s entry point (or the worker's), run from source, on an in-memory PGlite database. */
function startGatewayProcess(entry = 'apps/gateway/src/main.ts', env: Record<string, string> = {}): { child: ChildProcess; lines: string[] } {
  const fixture = ensureFixtureModel('tiny');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      PATH: process.env['PATH'],
      SWC_NODE_PROJECT: 'tools/tsconfig.json',
      PORT: '0',
      DOCENT_DATA_DIR: 'memory://',
      EMBEDDING_PROVIDER: 'transformers',
      EMBEDDING_MODEL: fixture.modelName,
      EMBEDDING_MODELS_DIR: fixture.modelsDir,
      EMBEDDING_THREADS: '1',
      ...env,
    },
  });
  const lines: string[] = [];
  let partial = '';
  child.stdout?.on('data', (data: Buffer) => {
    const text = partial + data.toString('utf8');
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    lines.push(...complete);
  });
  return { child, lines };
}

async function until<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the gateway process', () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGKILL'));

  it('prints its URLs and model, serves until SIGTERM, then shuts down cleanly with exit code 0', async () => {
    const started = startGatewayProcess();
    child = started.child;
    const exited = new Promise<number | null>((resolve) => started.child.once('exit', resolve));

    const listening = await until(() => started.lines.map((line) => JSON.parse(line) as Record<string, string>).find((line) => line['graphql']), 90_000);
    const ready = await fetch(listening['graphql']!.replace('/graphql', '/readyz'));
    started.child.kill('SIGTERM');
    const code = await exited;

    expect(listening).toMatchObject({ graphql: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/), graphiql: expect.stringMatching(/\/graphiql$/), embeddingModel: 'docent-fixtures/untrained-bert-tiny-TEST-ONLY', database: 'pglite' });
    expect(listening['msg']).toContain('Docent is listening on');
    expect(ready.status).toBe(200);
    expect(code).toBe(0);
    expect(started.lines.some((line) => line.includes('shutting down after the work in flight'))).toBe(true);
  });

  it.each([
    ['the gateway with invalid settings', 'apps/gateway/src/main.ts', { PORT: 'eighty', EMBEDDING_PROVIDER: 'nope' }, /PORT[\s\S]*EMBEDDING_PROVIDER/],
    ['a worker without PostgreSQL', 'apps/gateway/src/worker.ts', {}, /DATABASE_URL/],
  ])('refuses to start %s: exit code 1 and one fatal log line naming every problem', async (_, entry, env, problems) => {
    const started = startGatewayProcess(entry, env);
    const code = await new Promise<number | null>((resolve) => started.child.once('exit', resolve));

    expect(code).toBe(1);
    const fatal = started.lines.map((line) => JSON.parse(line) as { level: number; msg: string; problems?: string[]; err?: unknown }).find((line) => line.level === 60);
    expect(fatal?.msg).toMatch(/cannot start: invalid configuration/);
    expect(fatal?.problems?.join('\n')).toMatch(problems);
    expect(fatal?.err).toBeUndefined();
  });

  it('refuses to start on an embedded database another running process holds, naming it', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'docent-held-')), 'pgdata');
    // This test's own process plays the other gateway.
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: process.pid, hostname: hostname(), since: new Date().toISOString() }));

    const started = startGatewayProcess('apps/gateway/src/main.ts', { DOCENT_DATA_DIR: dataDir });
    const code = await new Promise<number | null>((resolve) => started.child.once('exit', resolve));

    expect(code).toBe(1);
    const fatal = started.lines.map((line) => JSON.parse(line) as { level: number; err?: { message: string } }).find((line) => line.level === 60);
    expect(fatal?.err?.message).toContain(`The embedded database in ${dataDir} is in use by process ${process.pid}`);
  });
});
