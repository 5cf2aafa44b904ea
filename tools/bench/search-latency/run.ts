// Where one search's time goes: a single client sends GraphQL `search` requests over HTTP to
// the gateway (as `npm start` wires it) over BENCH_CHUNKS chunks, and the parts are timed
// inside the same process: the viewer lookup (token check and database reads), the query's
// embedding, the SQL (vector, keyword and highlight queries; the highlight query also on its
// own, as part of the SQL), and the rest (HTTP, parsing,
// validation, cost, fusion, serialization) as the remainder of the round trip. HYBRID runs its
// embedding and its keyword SQL at once: the remainder subtracts the time either ran.
// Then, straight on the repository, the same vector searches with and without highlights, and
// followed by a highlight statement, interleaved: what marking in the search's statement saves.
//   bash tools/bench/with-postgres.sh tools/bench/search-latency/run.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { type Docent, composeGateway } from '../../../apps/gateway/src/composition/gateway';
import { startGateway } from '../../../apps/gateway/src/server';
import { benchGatewayConfig } from '../lib/gateway-config';
import { seedChunks } from '../lib/seed';
import { clusteredVectorSource, formatTable, percentile, seededRandom } from '../lib/stats';

const CHUNKS = Number(process.env['BENCH_CHUNKS'] ?? 10_000);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 200);
/** Vector searches per way in the comparison of highlighting. */
const STATEMENT_ROUNDS = 300;
const DATABASES = (process.env['BENCH_DATABASES'] ?? 'pglite,postgres').split(',');
const WORDS = ['configure', 'logger', 'output', 'install', 'error', 'stream', 'options', 'test', 'build', 'server', 'cache', 'plugin'];
const PARTS = ['viewer', 'embedding', 'sql', 'highlights', 'rest'] as const;
type Part = (typeof PARTS)[number];

type Interval = [number, number];

/** Wraps `object[method]` so each call's interval is recorded under the parts it belongs to. */
function timed<T extends object>(object: T, method: keyof T & string, parts: readonly Part[], spent: Record<Part, Interval[]>): void {
  const original = (object[method] as (...args: unknown[]) => Promise<unknown>).bind(object);
  Object.assign(object, {
    [method]: async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...args);
      } finally {
        for (const part of parts) spent[part].push([started, performance.now()]);
      }
    },
  });
}

/** Time covered by any of the intervals: HYBRID embeds the query while its keyword SQL runs. */
function covered(intervals: readonly Interval[]): number {
  let total = 0;
  let end = -Infinity;
  for (const [start, stop] of [...intervals].sort((a, b) => a[0] - b[0])) {
    total += Math.max(0, stop - Math.max(start, end));
    end = Math.max(end, stop);
  }
  return total;
}

async function measure(name: string, env: Record<string, string>): Promise<{ rows: string[][]; marking: string[][] }> {
  const config = benchGatewayConfig(env);
  const logger = pino({ level: 'silent' });
  const docent: Docent = await composeGateway(config, logger);
  const gateway = await startGateway({ ...config, docent, logger });
  try {
    const session = await docent.auth.service.register({ email: `latency-${Date.now()}@example.test`, password: 'a benchmark password' }, 'bench');
    await seedChunks(docent, session.user.id, CHUNKS);
    const spent: Record<Part, Interval[]> = { viewer: [], embedding: [], sql: [], highlights: [], rest: [] };
    timed(docent.auth.authenticator, 'authenticate', ['viewer'], spent);
    timed((await docent.models.active()).engine, 'embedQuery', ['embedding'], spent);
    for (const method of ['searchByVector', 'searchByKeyword'] as const) timed(docent.database.chunks, method, ['sql'], spent);
    timed(docent.database.chunks, 'highlight', ['sql', 'highlights'], spent);

    const rows: string[][] = [];
    // SEMANTIC last: PostgreSQL's autovacuum has then analyzed the freshly seeded table.
    for (const mode of ['KEYWORD', 'HYBRID', 'SEMANTIC']) {
      const random = seededRandom(11);
      const samples: Record<Part | 'total', number[]> = { viewer: [], embedding: [], sql: [], highlights: [], rest: [], total: [] };
      for (let i = -50; i < REQUESTS; i++) {
        const query = Array.from({ length: 3 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
        for (const part of PARTS) spent[part] = [];
        const started = performance.now();
        const response = await fetch(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
          body: JSON.stringify({ query: `query ($q: String!) { search(input: { query: $q, first: 10, mode: ${mode} }) { rank score text highlights { start end } } }`, variables: { q: query } }),
        });
        const body = (await response.json()) as { errors?: unknown };
        const total = performance.now() - started;
        if (body.errors) throw new Error(`search failed: ${JSON.stringify(body.errors)}`);
        if (i < 0) continue; // warm-up: JIT, pools, index pages
        samples.total.push(total);
        samples.viewer.push(covered(spent.viewer));
        samples.embedding.push(covered(spent.embedding));
        samples.sql.push(covered(spent.sql));
        samples.highlights.push(covered(spent.highlights));
        samples.rest.push(total - covered(spent.viewer) - covered([...spent.embedding, ...spent.sql]));
      }
      const p = (values: number[], q: number) => percentile(values, q).toFixed(1);
      rows.push([name, mode, p(samples.total, 50), p(samples.total, 99), p(samples.viewer, 50), p(samples.embedding, 50), p(samples.sql, 50), p(samples.highlights, 50), p(samples.rest, 50)]);
    }
    return { rows, marking: await compareMarking(name, docent, session.user.id) };
  } finally {
    await gateway.stop();
    await docent.close();
  }
}

/**
 * The same vector searches (k = 10) three ways, interleaved so the host's drift falls on all
 * alike, straight on the repository: without highlights, marked in the search's own statement,
 * and followed by the highlight statement (as before searches could mark their results).
 */
async function compareMarking(name: string, docent: Docent, userId: string): Promise<string[][]> {
  const chunks = docent.database.chunks;
  const { model } = await docent.models.active();
  const base = { access: { userId }, modelId: model.id, limit: 10 };
  const nextVector = clusteredVectorSource(seededRandom(99), model.dimension);
  const random = seededRandom(12);
  const ways: Record<string, (vector: Float32Array, words: string) => Promise<unknown>> = {
    'no highlights': (vector) => chunks.searchByVector({ ...base, vector }),
    'marked in the search statement': (vector, words) => chunks.searchByVector({ ...base, vector, highlight: words }),
    'search, then the highlight statement': async (vector, words) => {
      const found = await chunks.searchByVector({ ...base, vector });
      return chunks.highlight(base.access, found.map((match) => match.chunkId), words);
    },
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(ways).map((way) => [way, []]));
  for (let i = -30; i < STATEMENT_ROUNDS; i++) {
    const vector = nextVector();
    const words = Array.from({ length: 3 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
    const order = i % 2 === 0 ? Object.keys(ways) : Object.keys(ways).reverse();
    for (const way of order) {
      const started = performance.now();
      await ways[way]?.(vector, words);
      if (i >= 0) times[way]?.push(performance.now() - started);
    }
  }
  return Object.entries(times).map(([way, values]) => [name, way, percentile(values, 50).toFixed(2), percentile(values, 99).toFixed(2)]);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'docent-bench-latency-'));
  const results: { rows: string[][]; marking: string[][] }[] = [];
  try {
    if (DATABASES.includes('pglite')) results.push(await measure('PGlite', { DOCENT_DATA_DIR: path.join(dir, 'pgdata') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env['BENCH_DATABASE_URL'] && DATABASES.includes('postgres')) results.push(await measure('PostgreSQL 15', { DATABASE_URL: process.env['BENCH_DATABASE_URL'] }));
  console.log(`\nOne client, ${REQUESTS} searches per mode (first: 10, with highlights), ${CHUNKS} chunks (384-d), MiniLM-shaped fixture (int8); parts are p50 ms\n`);
  console.log(formatTable(['database', 'mode', 'p50 ms', 'p99 ms', 'viewer', 'embedding', 'SQL', 'of which highlights', 'rest'], results.flatMap((result) => result.rows)));
  console.log(`\nVector search (k = 10) on the repository, ${STATEMENT_ROUNDS} of each, interleaved\n`);
  console.log(formatTable(['database', 'vector search', 'p50 ms', 'p99 ms'], results.flatMap((result) => result.marking)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
