// A bounded load run against a real gateway process: 16 clients for 60 s on loopback, mixing
// search, ingestion, paging and bad input; counts unexpected errors (5xx or
// INTERNAL_SERVER_ERROR) and samples the server's RSS every second.
//   bash tools/bench/with-postgres.sh tools/bench/load/run.ts     (PGlite, then PostgreSQL)
//   BENCH_CLIENTS=16 BENCH_SECONDS=60 BENCH_DATABASES=pglite SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/load/run.ts
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readmeDocuments } from '../lib/corpus';
import { benchProviderEnv } from '../lib/gateway-config';
import { startGatewayProcess, stopGatewayProcess } from '../lib/gateway-process';
import { formatTable, percentile, seededRandom } from '../lib/stats';

const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 16);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 60);
/** `use-lite`: the offline default (Universal Sentence Encoder lite on ONNX, default threads) instead of the MiniLM-shaped fixture. */
const PROVIDER = (process.env['BENCH_PROVIDER'] ?? 'fixture') as 'fixture' | 'use-lite';
const WORDS = ['configure', 'logger', 'install', 'error', 'stream', 'options', 'test', 'build', 'server', 'cache', 'plugin', 'version'];

interface Outcome {
  operation: string;
  ms: number;
  /** A coded client error the request was built to get (bad input), or a success. */
  expected: boolean;
  unexpected?: string;
}

type Request = { operation: string; query: string; variables?: Record<string, unknown>; badInput?: boolean };

/** One request of the mix, chosen at random: 40% search, 15% searchDocuments, 15% paging, 10% ingest, 20% bad input. */
function nextRequest(random: () => number, cursor: { after: string | null }, documents: { title: string; content: string }[]): Request {
  const roll = random();
  const words = Array.from({ length: 2 + Math.floor(random() * 3) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  if (roll < 0.4) return { operation: 'search (HYBRID)', query: 'query ($q: String!) { search(input: { query: $q, first: 10 }) { rank score text highlights { start end } } }', variables: { q: words } };
  if (roll < 0.55) return { operation: 'searchDocuments', query: 'query ($q: String!) { searchDocuments(input: { query: $q, first: 5, mode: KEYWORD }) { document { title } passages { text } } }', variables: { q: words } };
  if (roll < 0.7) return { operation: 'documents (paging)', query: 'query ($after: String) { documents(first: 20, after: $after) { nodes { id title status } pageInfo { endCursor hasNextPage } } }', variables: { after: cursor.after } };
  if (roll < 0.8) {
    const document = documents[Math.floor(random() * documents.length)] as { title: string; content: string };
    return { operation: 'ingestDocument', query: 'mutation ($input: DocumentInput!) { ingestDocument(input: $input) { id } }', variables: { input: { ...document, title: `${document.title} ${random()}`, mimeType: 'text/markdown' } } };
  }
  const bad: Request[] = [
    { operation: 'bad input', query: '{ search(input: { query: "tea\\u0000" }) { rank } }' },
    { operation: 'bad input', query: '{ documents(first: 1000) { nodes { id } } }' },
    { operation: 'bad input', query: '{ documents(after: "forged") { nodes { id } } }' },
    { operation: 'bad input', query: 'query { ...A } fragment A on Query { ...A }' },
    { operation: 'bad input', query: `{ ...F20 } fragment F0 on Query { __typename } ${Array.from({ length: 20 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(' ')}` },
    { operation: 'bad input', query: 'mutation ($input: DocumentInput!) { ingestDocument(input: $input) { id } }', variables: { input: { title: 'x', content: '\ud800', metadata: { 'a\u0000': 1 } } } },
    { operation: 'bad input', query: '{ document(id: "1; DROP TABLE documents") { id } }' },
  ];
  return { ...(bad[Math.floor(random() * bad.length)] as Request), badInput: true };
}

function startGateway(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return startGatewayProcess(['-r', '@swc-node/register', 'apps/gateway/src/main.ts'], {
    PATH: process.env['PATH'],
    // As `npm start` sets it (apps/gateway/project.json).
    MALLOC_ARENA_MAX: '2',
    SWC_NODE_PROJECT: 'tools/tsconfig.json',
    PORT: '0',
    LOG_LEVEL: 'info',
    AUTH_TOKEN_SECRET: 'load-run-secret-of-more-than-32-characters-0000',
    AUTH_RATE_LIMIT_PER_IP: '1000000',
    ...benchProviderEnv(PROVIDER),
    ...(PROVIDER === 'use-lite' ? {} : { EMBEDDING_THREADS: '1' }),
    ...env,
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function graphql(url: string, token: string, request: Request): Promise<{ status: number; codes: string[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: request.query, variables: request.variables }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, codes: (body.errors ?? []).map((error) => error.extensions?.code ?? 'NONE') };
}

async function run(label: string, env: Record<string, string>): Promise<string[][]> {
  const { child, url } = await startGateway(env);
  try {
    const documents = readmeDocuments(60, 0, 8_000);
    const tokens: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation ($input: CredentialsInput!) { register(input: $input) { accessToken } }', variables: { input: { email: `load-${i}-${Date.now()}@example.test`, password: 'correct horse battery staple' } } }),
      });
      tokens.push(((await response.json()) as { data: { register: { accessToken: string } } }).data.register.accessToken);
      // Each client starts with 10 documents of its own to search and page through.
      await graphql(url, tokens[i] as string, { operation: 'seed', query: 'mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id } }', variables: { inputs: documents.slice((i * 10) % 50, ((i * 10) % 50) + 10).map((document) => ({ ...document, mimeType: 'text/markdown' })) } });
    }
    await new Promise((resolve) => setTimeout(resolve, 15_000)); // let the seed documents get processed
    const rss: number[] = [rssMb(child.pid as number)];
    const sampler = setInterval(() => rss.push(rssMb(child.pid as number)), 1_000);
    const outcomes: Outcome[] = [];
    const deadline = Date.now() + SECONDS * 1_000;
    await Promise.all(
      tokens.map(async (token, client) => {
        const random = seededRandom(client + 1);
        const cursor = { after: null as string | null };
        while (Date.now() < deadline) {
          const request = nextRequest(random, cursor, documents);
          const started = performance.now();
          const { status, codes } = await graphql(url, token, request);
          const ms = performance.now() - started;
          const internal = status >= 500 || codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('NONE');
          const expected = request.badInput ? codes.length > 0 && !internal : codes.length === 0;
          outcomes.push({ operation: request.operation, ms, expected, unexpected: internal || !expected ? `${status} ${codes.join(',')}` : undefined });
        }
      }),
    );
    clearInterval(sampler);
    const operations = [...new Set(outcomes.map((outcome) => outcome.operation))].sort();
    const rows = operations.map((operation) => {
      const mine = outcomes.filter((outcome) => outcome.operation === operation);
      const times = mine.map((outcome) => outcome.ms);
      return [label, operation, String(mine.length), (mine.length / SECONDS).toFixed(1), percentile(times, 50).toFixed(1), percentile(times, 99).toFixed(1), String(mine.filter((outcome) => outcome.unexpected).length)];
    });
    const unexpected = outcomes.filter((outcome) => outcome.unexpected);
    for (const outcome of unexpected.slice(0, 10)) console.log(`unexpected: ${outcome.operation}: ${outcome.unexpected}`);
    const third = Math.floor(rss.length / 3);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    console.log(
      `${label}: ${outcomes.length} requests, ${unexpected.length} unexpected; server RSS MB at start ${rss[0]?.toFixed(0)}, mean of first third ${mean(rss.slice(0, third)).toFixed(0)}, mean of last third ${mean(rss.slice(-third)).toFixed(0)}, max ${Math.max(...rss).toFixed(0)}`,
    );
    return rows;
  } finally {
    await stopGatewayProcess(child);
  }
}

async function main(): Promise<void> {
  const databases = (process.env['BENCH_DATABASES'] ?? 'pglite,postgres').split(',');
  const rows: string[][] = [];
  if (databases.includes('pglite')) rows.push(...(await run('PGlite', { DOCENT_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), 'docent-load-')), 'pgdata') })));
  const postgres = process.env['BENCH_DATABASE_URL'];
  if (postgres && databases.includes('postgres')) rows.push(...(await run('PostgreSQL 15', { DATABASE_URL: postgres })));
  const model = PROVIDER === 'use-lite' ? 'Universal Sentence Encoder lite on ONNX (default threads + the query thread)' : 'MiniLM-shaped fixture (1 model thread + the query thread)';
  console.log(`\n${CLIENTS} clients, ${SECONDS} s, ${model}\n`);
  console.log(formatTable(['database', 'operation', 'requests', 'per s', 'p50 ms', 'p99 ms', 'unexpected'], rows));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
