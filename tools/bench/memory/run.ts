// Peak memory of the gateway as `npm start` runs it (the built gateway, default settings: PGlite,
// as many model threads as cores up to 4, the query thread), while it ingests README files and
// answers searches: the process's high-water mark (VmHWM in /proc), and what its memory is made
// of at the end (smaps_rollup).
//   bash tools/bench/with-postgres.sh tools/bench/memory/run.ts      (PGlite, then PostgreSQL)
//   BENCH_PROVIDERS=fixture,use-lite BENCH_DATABASES=pglite BENCH_DOCUMENTS=120 GATEWAY_ENV='EMBEDDING_THREADS=1' SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/memory/run.ts
import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readmeDocuments } from '../lib/corpus';
import { benchProviderEnv } from '../lib/gateway-config';
import { startGatewayProcess, stopGatewayProcess } from '../lib/gateway-process';
import { createDatabase } from '../lib/postgres';
import { formatTable } from '../lib/stats';

const DOCUMENTS = Number(process.env['BENCH_DOCUMENTS'] ?? 120);
const PER_CALL = 20;
const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'dist/apps/gateway/apps/gateway/src/main.js');
/** Extra gateway settings for experiments, `NAME=value` separated by spaces. */
const EXTRA_ENV = Object.fromEntries((process.env['GATEWAY_ENV'] ?? '').split(/\s+/).filter(Boolean).map((pair) => pair.split(/=(.*)/s).slice(0, 2)));

function startGateway(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return startGatewayProcess(
    [MAIN],
    // MALLOC_ARENA_MAX as `npm start` sets it (apps/gateway/project.json).
    { PATH: process.env['PATH'], MALLOC_ARENA_MAX: '2', PORT: '0', LOG_LEVEL: 'info', AUTH_RATE_LIMIT_PER_IP: '1000000', ...env, ...EXTRA_ENV },
    mkdtempSync(path.join(tmpdir(), 'docent-memory-')),
  );
}

/** A field of /proc/<pid>/status or smaps_rollup, in MB. */
function procMb(pid: number, file: 'status' | 'smaps_rollup', field: string): number {
  const text = readFileSync(`/proc/${pid}/${file}`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? Number.NaN) / 1024;
}

async function graphql<T>(url: string, token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The peak of a first start (on PGlite it runs initdb in the process), then a second start on the
 * same database, as a service restarts, measured while it ingests.
 */
async function run(provider: 'fixture' | 'use-lite', database: string, env: Record<string, string>): Promise<string[]> {
  const first = await startGateway({ ...benchProviderEnv(provider), ...env });
  await sleep(2_000);
  const firstStart = procMb(first.child.pid as number, 'status', 'VmHWM');
  await stopGatewayProcess(first.child);
  const { child, url } = await startGateway({ ...benchProviderEnv(provider), ...env });
  const pid = child.pid as number;
  try {
    await sleep(2_000);
    const ready = procMb(pid, 'status', 'VmRSS');
    const { register } = await graphql<{ register: { accessToken: string } }>(url, undefined, 'mutation ($input: CredentialsInput!) { register(input: $input) { accessToken } }', {
      input: { email: `memory-${Date.now()}@example.test`, password: 'correct horse battery staple' },
    });
    const token = register.accessToken;
    const search = () => graphql(url, token, 'query ($q: String!) { search(input: { query: $q, first: 10 }) { rank } }', { q: 'how to configure logging' });
    const documents = readmeDocuments(DOCUMENTS, 0, 16_000).map((document) => ({ ...document, mimeType: 'text/markdown' }));
    const started = performance.now();
    for (let i = 0; i < documents.length; i += PER_CALL) {
      await graphql(url, token, 'mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id } }', { inputs: documents.slice(i, i + PER_CALL) });
    }
    // One client searches while the worker ingests, so the query thread embeds beside the model threads.
    let searches = 0;
    for (;;) {
      await search();
      searches++;
      const { pending, processing } = await graphql<{ pending: { nodes: unknown[] }; processing: { nodes: unknown[] } }>(
        url,
        token,
        '{ pending: documents(first: 1, status: PENDING) { nodes { id } } processing: documents(first: 1, status: PROCESSING) { nodes { id } } }',
      );
      if (pending.nodes.length === 0 && processing.nodes.length === 0) break;
      await sleep(100);
    }
    const seconds = (performance.now() - started) / 1_000;
    const rollup = (field: string) => procMb(pid, 'smaps_rollup', field).toFixed(0);
    return [
      provider === 'use-lite' ? 'Universal Sentence Encoder lite' : 'MiniLM-shaped (int8)',
      database,
      firstStart.toFixed(0),
      seconds.toFixed(1),
      String(searches),
      ready.toFixed(0),
      procMb(pid, 'status', 'VmHWM').toFixed(0),
      procMb(pid, 'status', 'VmRSS').toFixed(0),
      rollup('Anonymous'),
      (procMb(pid, 'smaps_rollup', 'Rss') - procMb(pid, 'smaps_rollup', 'Anonymous')).toFixed(0),
    ];
  } finally {
    await stopGatewayProcess(child);
  }
}

async function main(): Promise<void> {
  execFileSync('npx', ['nx', 'run', 'gateway:build'], { cwd: ROOT, stdio: 'inherit' });
  const providers = (process.env['BENCH_PROVIDERS'] ?? 'fixture,use-lite').split(',') as ('fixture' | 'use-lite')[];
  const databases = (process.env['BENCH_DATABASES'] ?? 'pglite,postgres').split(',');
  const postgres = process.env['BENCH_DATABASE_URL'];
  const rows: string[][] = [];
  for (const provider of providers) {
    if (databases.includes('pglite')) rows.push(await run(provider, 'PGlite', { DOCENT_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), 'docent-memory-db-')), 'pgdata') }));
    if (postgres && databases.includes('postgres')) rows.push(await run(provider, 'PostgreSQL 15', { DATABASE_URL: await createDatabase(postgres, `docent_memory_${provider.replace('-', '_')}`) }));
  }
  console.log(`\n${DOCUMENTS} README documents (up to 16 kB each), one client searching until all are READY${Object.keys(EXTRA_ENV).length ? `; ${process.env['GATEWAY_ENV']}` : ''}\n`);
  console.log(
    formatTable(
      ['model', 'database', 'first start peak MB', 'ingest s', 'searches', 'restarted: RSS ready MB', 'peak while ingesting (VmHWM) MB', 'RSS after MB', 'anonymous after MB', 'file-backed after MB'],
      rows,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
