// API benchmark: requests/s and latency of the gateway under 16 concurrent clients, next to a
// bare Apollo Server with the same schema and resolvers in the same process, for a trivial query
// and for `search` over 10,000 chunks; then search latency while a batch ingestion runs.
//   tools/bench/with-postgres.sh tools/bench/api/run.ts   (PGlite and a throwaway PostgreSQL)
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { authGraphQL } from '@docent/auth/graphql';
import { documentsGraphQL } from '@docent/documents/graphql';
import autocannon from 'autocannon';
import express from 'express';
import pino from 'pino';
import { type Docent, composeGateway } from '../../../apps/gateway/src/composition/gateway';
import type { GatewayContext } from '../../../apps/gateway/src/graphql/context';
import { buildGatewaySchema } from '../../../apps/gateway/src/graphql/schema';
import { VERSION, startGateway } from '../../../apps/gateway/src/server';
import { readmeDocuments } from '../lib/corpus';
import { benchGatewayConfig } from '../lib/gateway-config';
import { seedChunks } from '../lib/seed';
import { formatTable } from '../lib/stats';

const CHUNKS = Number(process.env['BENCH_CHUNKS'] ?? 10_000);
const CONNECTIONS = 16;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const INGEST_DOCUMENTS = 60;
const TRIVIAL = '{ serverInfo { version } }';
const SEARCH = '{ search(input: { query: "how do I configure the logger output", first: 10 }) { rank score text document { title } } }';

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

async function main(): Promise<void> {
  const targets: { name: string; env: Record<string, string>; cleanup: () => void }[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'docent-bench-api-'));
  targets.push({ name: 'PGlite', env: { DOCENT_DATA_DIR: dir }, cleanup: () => rmSync(dir, { recursive: true, force: true }) });
  if (process.env['BENCH_DATABASE_URL']) targets.push({ name: 'PostgreSQL 15', env: { DATABASE_URL: process.env['BENCH_DATABASE_URL'] }, cleanup: () => undefined });
  else console.log('BENCH_DATABASE_URL not set: PostgreSQL skipped (tools/bench/with-postgres.sh starts one)');
  console.log(`${CHUNKS} chunks (384-d), MiniLM-shaped fixture model (int8), ${CONNECTIONS} concurrent clients, ${SECONDS} s per measurement\n`);

  const rows: (string | number)[][] = [];
  for (const target of targets) {
    try {
      rows.push(...(await benchmark(target.name, target.env)));
    } finally {
      target.cleanup();
    }
  }
  console.log(formatTable(['database', 'server', 'operation', 'requests/s', 'p50 ms', 'p99 ms', 'failed'], rows));
}

async function benchmark(name: string, env: Record<string, string>): Promise<(string | number)[][]> {
  const config = benchGatewayConfig(env);
  const logger = pino({ level: 'silent' });
  const docent = await composeGateway(config, logger);
  const gateway = await startGateway({ ...config, docent, logger });
  const bare = await startBareApollo(docent);
  try {
    const session = await docent.auth.service.register({ email: `bench-${Date.now()}@example.test`, password: 'a benchmark password' }, 'bench');
    const ownerId = session.user.id;
    await seedChunks(docent, ownerId, CHUNKS);
    const bearer = { authorization: `Bearer ${session.accessToken}` };

    // JIT, connection pools, index pages: warm both servers up before anything is measured.
    for (const url of [gateway.url, bare.url]) await load(url, SEARCH, bearer, ownerId, 3);

    const rows: (string | number)[][] = [];
    const row = (server: string, operation: string, measured: Measured) =>
      rows.push([name, server, operation, measured.requestsPerSecond.toFixed(0), measured.p50.toFixed(1), measured.p99.toFixed(1), measured.failures]);
    row('gateway', 'trivial query', await load(gateway.url, TRIVIAL, bearer));
    // Without a token: no signature check and no role lookup in the database.
    row('gateway', 'trivial query, anonymous', await load(gateway.url, TRIVIAL, {}));
    row('bare Apollo', 'trivial query', await load(bare.url, TRIVIAL, {}, ownerId));
    row('gateway', `search (HYBRID, ${CHUNKS} chunks)`, await load(gateway.url, SEARCH, bearer));
    row('bare Apollo', `search (HYBRID, ${CHUNKS} chunks)`, await load(bare.url, SEARCH, {}, ownerId));

    // Ingestion through the API, processed by the gateway's own worker while searches run.
    const documents = readmeDocuments(INGEST_DOCUMENTS, 200).map(({ title, content }) => ({ title, content, mimeType: 'text/markdown' }));
    for (let i = 0; i < documents.length; i += 20) {
      await graphql(gateway.url, 'mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id } }', { inputs: documents.slice(i, i + 20) }, bearer);
    }
    docent.processor.start();
    const during = await load(gateway.url, SEARCH, bearer);
    const { counts } = await docent.documents.library.queueStats();
    row('gateway', `search during ingestion (${counts.READY - 100}/${INGEST_DOCUMENTS} documents done)`, during);
    return rows;
  } finally {
    await bare.stop();
    await gateway.stop();
    await docent.close();
  }
}

/** The same schema and resolvers with none of the gateway's middleware: no auth, logging, metrics or limits. */
async function startBareApollo(docent: Docent): Promise<{ url: string; stop: () => Promise<void> }> {
  const apollo = new ApolloServer<GatewayContext>({ schema: await buildGatewaySchema() });
  await apollo.start();
  const app = express();
  app.use(
    '/graphql',
    express.json({ limit: '16mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const ownerId = String(req.headers['x-bench-owner'] ?? '');
        const viewer = ownerId ? ({ kind: 'user', id: ownerId, role: 'USER', credential: 'access-token' } as const) : ({ kind: 'anonymous' } as const);
        return {
          requestId: 'bench',
          version: VERSION,
          databaseKind: docent.database.kind,
          viewer,
          clientIp: 'bench',
          ...authGraphQL.requestContext(docent.auth, viewer),
          ...documentsGraphQL.requestContext(docent.documents, viewer),
        };
      },
    }),
  );
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    },
  };
}

async function graphql(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (body.errors) throw new Error(`benchmark request failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Checks the operation answers without errors, then drives it with CONNECTIONS clients for SECONDS. */
async function load(url: string, query: string, headers: Record<string, string>, benchOwner?: string, seconds = SECONDS): Promise<Measured> {
  const allHeaders = { 'content-type': 'application/json', ...headers, ...(benchOwner ? { 'x-bench-owner': benchOwner } : {}) };
  await graphql(url, query, {}, allHeaders);
  const result = await autocannon({ url: `${url}/graphql`, method: 'POST', headers: allHeaders, body: JSON.stringify({ query }), connections: CONNECTIONS, duration: seconds, workers: 1 });
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures: result.errors + result.timeouts + result.non2xx };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
