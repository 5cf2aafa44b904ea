import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { ensureFixtureModel } from '@docent/embeddings/testing';
import { openDatabase } from '@docent/persistence';
import { wholeDocuments } from '@docent/persistence/testing';

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

  it('loses and duplicates no chunk when killed (SIGKILL) mid re-embedding on the embedded database, and finishes the run after a restart', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'docent-crash-')), 'pgdata');
    const wide = ensureFixtureModel('tinyWide');
    const env = { DOCENT_DATA_DIR: dataDir, PROCESSING_LEASE_SECONDS: '2', CHUNK_TOKENS: '64', CHUNK_OVERLAP_TOKENS: '8', DOCENT_ADMIN_EMAIL: 'ops@example.test', DOCENT_ADMIN_PASSWORD: 'correct horse battery staple' };
    const start = async () => {
      const started = startGatewayProcess('apps/gateway/src/main.ts', env);
      child = started.child;
      const listening = await until(() => started.lines.map((line) => JSON.parse(line) as Record<string, string>).find((line) => line['graphql']), 90_000);
      const url = listening['graphql'] as string;
      const graphql = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
        const body = (await response.json()) as { data?: T; errors?: unknown[] };
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        return body.data as T;
      };
      const { login } = await graphql<{ login: { accessToken: string } }>('mutation ($input: CredentialsInput!) { login(input: $input) { accessToken } }', { input: { email: env.DOCENT_ADMIN_EMAIL, password: env.DOCENT_ADMIN_PASSWORD } });
      return { started, graphql, token: login.accessToken };
    };
    const progress = (gateway: Awaited<ReturnType<typeof start>>) =>
      gateway.graphql<{ reembeddingProgress: { documentsDone: number; documentsTotal: number; complete: boolean } }>('query ($model: String!) { reembeddingProgress(model: $model) { documentsDone documentsTotal complete } }', { model: wide.modelName }, gateway.token);
    const poll = async <T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (done(value)) return value;
        if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${JSON.stringify(value)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    const first = await start();
    const paragraphs = (n: number, topic: string) => Array.from({ length: n }, (_, i) => `Paragraph ${i} of ${topic} is about subject ${i % 19}.`).join('\n\n');
    const inputs = [...[0, 1].map((i) => ({ title: `Big ${i}`, content: paragraphs(600, `big ${i}`) })), ...Array.from({ length: 12 }, (_, i) => ({ title: `Small ${i}`, content: paragraphs(3, `small ${i}`) }))];
    await first.graphql('mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id } }', { inputs }, first.token);
    await poll(() => first.graphql<{ ingestionStats: { ready: number } }>('{ ingestionStats { ready } }', {}, first.token), (stats) => stats.ingestionStats.ready === inputs.length, 120_000);
    await first.graphql('mutation ($input: RegisterEmbeddingModelInput!) { registerEmbeddingModel(input: $input) { name } }', { input: { provider: 'TRANSFORMERS_JS', name: wide.modelName } }, first.token);
    await first.graphql('mutation ($model: String!) { startReembedding(model: $model) { documentsTotal } }', { model: wide.modelName }, first.token);
    const atKill = await poll(() => progress(first), ({ reembeddingProgress: run }) => run.documentsDone > 0, 120_000);
    first.started.child.kill('SIGKILL');
    await new Promise((resolve) => first.started.child.once('exit', resolve));
    expect(atKill.reembeddingProgress.complete).toBe(false);

    const second = await start();
    const finished = await poll(() => progress(second), ({ reembeddingProgress: run }) => run.complete, 180_000);
    expect(finished.reembeddingProgress).toMatchObject({ documentsDone: inputs.length, documentsTotal: inputs.length });
    second.started.child.kill('SIGTERM');
    expect(await new Promise((resolve) => second.started.child.once('exit', resolve))).toBe(0);

    const db = await openDatabase({ dataDir });
    try {
      const check = await wholeDocuments(db, (await db.embeddingModels.findByName(wide.modelName))!.id);
      expect(check).toEqual({ documents: inputs.length, whole: inputs.length, tasks: 0 });
    } finally {
      await db.close();
    }
  });
});
