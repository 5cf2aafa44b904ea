// Retrieval benchmark: real questions over real text nobody here wrote. Manual pages installed on
// the machine become query/document pairs (man-pages.ts); Docent ingests the documents through its
// GraphQL API and answers each query with `searchDocuments` in every mode; MiniSearch's BM25 over
// whole documents is the independent reference. Then, on the same stored chunks: the keyword
// rankings considered (keyword-variants.ts) and a grid of HYBRID fusion settings.
//   tools/bench/with-postgres.sh tools/bench/retrieval/run.ts     (PGlite, then PostgreSQL)
//   BENCH_PAIRS=600 BENCH_MODELS=fixture,use-lite BENCH_TUNING=true
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type FusionSettings, HYBRID_FUSION, fuseRankings } from '@docent/documents';
import type { ChunkMatch } from '@docent/persistence';
import { inDefaultCollection, runSql } from '@docent/persistence/testing';
import pino from 'pino';
import { type Docent, composeGateway } from '../../../apps/gateway/src/composition/gateway';
import { startGateway } from '../../../apps/gateway/src/server';
import { benchGatewayConfig } from '../lib/gateway-config';
import { createDatabase } from '../lib/postgres';
import { formatTable } from '../lib/stats';
import { KEYWORD_VARIANTS, rankDocumentsBy } from './keyword-variants';
import { type RetrievalPair, manPagePairs } from './man-pages';
import { distinct, latencyCells, scoreCells, scoreRankings } from './metrics';
import { referenceRankings } from './reference';

const PAIRS = Number(process.env['BENCH_PAIRS'] ?? 600);
const MODELS = (process.env['BENCH_MODELS'] ?? 'fixture,use-lite').split(',') as ('fixture' | 'use-lite')[];
const TUNING = (process.env['BENCH_TUNING'] ?? 'true') === 'true';
const MODES = ['KEYWORD', 'SEMANTIC', 'HYBRID'] as const;
const MODEL_LABELS = { fixture: 'MiniLM-shaped fixture (random weights)', 'use-lite': 'Universal Sentence Encoder lite' } as const;

type Row = (string | number)[];

async function main(): Promise<void> {
  const pairs = await manPagePairs(PAIRS);
  const relevant = pairs.map((pair) => pair.page);
  console.log(`${pairs.length} pairs from the manual pages in /usr/share/man (query: the NAME line's description; document: the rest of the page)\n`);
  const quality: Row[] = [['MiniSearch BM25, whole documents (reference)', '-', '-', ...scoreCells(scoreRankings(referenceRankings(pairs), relevant)), '', '']];
  const tuning: Row[] = [];
  const fusion: Row[] = [];

  const targets: { name: string; env: Record<string, string>; cleanup: () => void }[] = [];
  for (const model of MODELS) {
    const dir = mkdtempSync(path.join(tmpdir(), 'docent-bench-retrieval-'));
    targets.push({ name: `PGlite|${model}`, env: { DOCENT_DATA_DIR: dir }, cleanup: () => rmSync(dir, { recursive: true, force: true }) });
    const serverUrl = process.env['BENCH_DATABASE_URL'];
    if (serverUrl) targets.push({ name: `PostgreSQL 15|${model}`, env: { DATABASE_URL: await createDatabase(serverUrl, `docent_retrieval_${model.replace('-', '_')}`) }, cleanup: () => undefined });
  }
  for (const target of targets) {
    const [database, model] = target.name.split('|') as [string, 'fixture' | 'use-lite'];
    try {
      const run = await benchmark(database, model, target.env, pairs, TUNING && database === 'PGlite');
      quality.push(...run.quality);
      tuning.push(...run.tuning);
      fusion.push(...run.fusion);
    } finally {
      target.cleanup();
    }
  }
  console.log(formatTable(['system', 'database', 'model', 'recall@1', 'recall@10', 'MRR@10', 'p50 ms', 'p99 ms'], quality.map((row) => (row.length === 6 ? [row[0] as string, '', '', ...row.slice(3)] : row))));
  if (tuning.length > 0) console.log(`\nKeyword rankings considered (SQL on the same chunks, documents by best chunk):\n${formatTable(['model', 'ranking', 'recall@1', 'recall@10', 'MRR@10', 'p50 ms', 'p99 ms'], tuning)}`);
  if (fusion.length > 0) console.log(`\nHYBRID fusion settings (the API's SEMANTIC and KEYWORD chunk rankings, 100 deep, fused with each setting; semantic weight 1; the best ten):\n${formatTable(['model', 'method', 'keyword weight', 'candidates', 'recall@1', 'recall@10', 'MRR@10'], fusion)}`);
}

async function benchmark(database: string, model: 'fixture' | 'use-lite', env: Record<string, string>, pairs: readonly RetrievalPair[], tune: boolean) {
  const config = benchGatewayConfig(model === 'use-lite' ? { ...env, EMBEDDING_PROVIDER: 'use-lite' } : env);
  const docent = await composeGateway(config, pino({ level: 'silent' }));
  const gateway = await startGateway({ ...config, docent, logger: pino({ level: 'silent' }) });
  const api = client(gateway.url);
  try {
    const session = await docent.auth.service.register({ email: `retrieval-${model}-${Date.now()}@example.test`, password: 'a benchmark password' }, 'bench');
    api.token = session.accessToken;
    docent.processor.start();
    const started = performance.now();
    const titleOf = new Map<string, string>();
    for (let i = 0; i < pairs.length; i += 50) {
      const inputs = pairs.slice(i, i + 50).map((pair) => ({ title: pair.page, content: pair.document, mimeType: 'text/plain' }));
      const { ingestDocuments } = await api.request<{ ingestDocuments: { id: string; title: string }[] }>('mutation ($inputs: [DocumentInput!]!) { ingestDocuments(inputs: $inputs) { id title } }', { inputs });
      for (const document of ingestDocuments) titleOf.set(document.id, document.title);
    }
    const { chunks } = await waitUntilReady(docent, pairs.length);
    const active = (await docent.models.active()).model;
    console.log(`${database}, ${active.name}: ${pairs.length} documents, ${chunks} chunks READY in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const relevant = pairs.map((pair) => pair.page);
    const quality: Row[] = [];
    for (const mode of MODES) {
      const rankings: string[][] = [];
      const latencyMs: number[] = [];
      for (const pair of pairs) {
        const start = performance.now();
        const { searchDocuments } = await api.request<{ searchDocuments: { documentId: string }[] }>('query ($input: DocumentSearchInput!) { searchDocuments(input: $input) { documentId } }', {
          input: { query: pair.query, first: 10, mode, passages: 1 },
        });
        latencyMs.push(performance.now() - start);
        rankings.push(searchDocuments.map((result) => titleOf.get(result.documentId) as string));
      }
      quality.push([`Docent ${mode} (searchDocuments)`, database, MODEL_LABELS[model], ...scoreCells(scoreRankings(rankings, relevant)), ...latencyCells(latencyMs)]);
    }
    if (!tune) return { quality, tuning: [], fusion: [] };

    // The benchmark's documents are all in the user's default collection.
    const { collectionId } = await inDefaultCollection(docent.database, session.user.id);
    const tuning: Row[] = [];
    for (const variant of KEYWORD_VARIANTS) {
      const { documents, latencyMs } = await runSql(docent.database, (sql) => rankDocumentsBy(sql, variant, pairs.map((pair) => pair.query), collectionId, active.id));
      tuning.push([MODEL_LABELS[model], variant.name, ...scoreCells(scoreRankings(documents.map((ids) => ids.map((id) => titleOf.get(id) as string)), relevant)), ...latencyCells(latencyMs)]);
    }
    return { quality, tuning, fusion: await fusionGrid(api, MODEL_LABELS[model], pairs, titleOf) };
  } finally {
    await gateway.stop();
    await docent.close();
  }
}

/** Fuses the API's own SEMANTIC and KEYWORD chunk rankings with each setting, as HYBRID does. */
async function fusionGrid(api: ReturnType<typeof client>, modelName: string, pairs: readonly RetrievalPair[], titleOf: Map<string, string>): Promise<Row[]> {
  const lists: { semantic: ChunkMatch[]; keyword: ChunkMatch[] }[] = [];
  const query = 'query ($input: SearchInput!) { search(input: $input) { chunkId documentId ordinal text score } }';
  for (const pair of pairs) {
    const [semantic, keyword] = await Promise.all(
      (['SEMANTIC', 'KEYWORD'] as const).map(async (mode) => (await api.request<{ search: ChunkMatch[] }>(query, { input: { query: pair.query, first: 100, mode } })).search),
    );
    lists.push({ semantic: semantic as ChunkMatch[], keyword: keyword as ChunkMatch[] });
  }
  const relevant = pairs.map((pair) => pair.page);
  const settingsGrid: FusionSettings[] = [];
  for (const method of ['score', 'rank'] as const)
    for (const k of method === 'rank' ? [5, 20, 60] : [60])
      for (const keywordWeight of [0.5, 1, 1.5, 2, 3])
        for (const candidates of [20, 50, 100]) settingsGrid.push({ method, k, semanticWeight: 1, keywordWeight, candidates });
  const rows = settingsGrid.map((settings) => {
    const rankings = lists.map(({ semantic, keyword }) => {
      const fused = fuseRankings([semantic.slice(0, settings.candidates), keyword.slice(0, settings.candidates)], [settings.semanticWeight, settings.keywordWeight], settings);
      return distinct(fused.map(({ match }) => titleOf.get(match.documentId) as string)).slice(0, 10);
    });
    const scores = scoreRankings(rankings, relevant);
    const isDefault = JSON.stringify(settings) === JSON.stringify(HYBRID_FUSION);
    return { row: [modelName, `${settings.method}${settings.method === 'rank' ? `, k = ${settings.k}` : ''}${isDefault ? ' (default)' : ''}`, settings.keywordWeight, settings.candidates, ...scoreCells(scores)], mrr: scores.mrrAt10, isDefault };
  });
  // The ten best settings, and the default wherever it ranks.
  return rows
    .sort((a, b) => b.mrr - a.mrr)
    .filter((entry, i) => i < 10 || entry.isDefault)
    .map(({ row }) => row);
}

async function waitUntilReady(docent: Docent, documents: number): Promise<{ chunks: number }> {
  for (;;) {
    const { counts } = await docent.documents.library.queueStats();
    if (counts.FAILED > 0) throw new Error(`${counts.FAILED} documents FAILED`);
    if (counts.READY >= documents) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const { model } = await docent.models.active();
  const [row] = await runSql(docent.database, (sql) => sql.query<{ chunks: number }>('SELECT count(*)::int AS chunks FROM chunks WHERE model_id = $1', [model.id]));
  return { chunks: row?.chunks ?? 0 };
}

function client(url: string) {
  return {
    token: '',
    async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
      const send = () => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` }, body: JSON.stringify({ query, variables }) });
      // A kept-alive connection the server closes as it is reused fails once (ECONNRESET): send again.
      const response = await send().catch(send);
      const body = (await response.json()) as { data?: T; errors?: unknown[] };
      if (body.errors) throw new Error(`benchmark request failed: ${JSON.stringify(body.errors)}`);
      return body.data as T;
    },
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
