// Ingestion benchmark: README files from node_modules as Markdown documents, through intake,
// the queue worker (parse, chunk, embed, write) to READY, on PGlite and (when a URL is given)
// PostgreSQL, with the MiniLM-L6-shaped fixture model. Compares the pipeline's chunks/s with the
// embedding engine's own on the same chunks, and measures search latency, idle and while
// documents are ingested.
//   tools/bench/with-postgres.sh tools/bench/ingest/run.ts   (PGlite and a throwaway PostgreSQL)
//   BENCH_MAX_BATCH_TOKENS=1000000 …   (the model threads' runs without a padded-token budget)
//   BENCH_MODEL_THREADS=1 …   (one model thread, so the rest of the pipeline has a core of its own)
//   BENCH_THREAD_CPU=1 …   (CPU seconds by thread in each round)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_DOCUMENTS_CONFIG, DocumentIntake, DocumentProcessor, RecursiveChunker, SearchService, DEFAULT_PARSERS, fixedModel } from '@docent/documents';
import { DEFAULT_MAX_BATCH_TOKENS, type EmbeddingBatchReport, EmbeddingEngine, createTransformersProvider } from '@docent/embeddings';
import { ensureFixtureModel } from '@docent/embeddings/testing';
import { inDefaultCollection } from '@docent/persistence/testing';
import { type Database, openDatabase } from '@docent/persistence';
import { readmeChunks, readmeDocuments } from '../lib/corpus';
import { serverCpuReader } from '../lib/server-cpu';
import { describeThreads, threadCpu } from '../lib/threads-cpu';
import { elapsedMs, formatTable, percentile } from '../lib/stats';

const DOCUMENTS = Number(process.env['BENCH_DOCUMENTS'] ?? 120);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const QUERIES = 100;
/** BENCH_THREAD_CPU=1: each round's CPU by thread of this process, from /proc. */
const THREAD_CPU = process.env['BENCH_THREAD_CPU'] === '1';
const quiet = { info: () => undefined, warn: () => undefined };
/** The model calls of the phase being measured. */
let modelCalls: EmbeddingBatchReport[] = [];

async function main(): Promise<void> {
  const model = ensureFixtureModel('minilm');
  // BENCH_MODEL_THREADS=1 leaves a core to everything but the model: how far the cores bound the pipeline.
  const workers = Number(process.env['BENCH_MODEL_THREADS'] ?? Math.max(1, Math.min(2, availableParallelism())));
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`BENCH_MODEL_THREADS must be a positive integer, got ${process.env['BENCH_MODEL_THREADS']}`);
  const provider = createTransformersProvider({ modelName: model.modelName, modelsDir: model.modelsDir, dimension: 384, maxInputTokens: 256, quantized: true, threads: workers, allowRemoteModels: false, maxBatchTokens: Number(process.env['BENCH_MAX_BATCH_TOKENS'] ?? DEFAULT_MAX_BATCH_TOKENS) });
  const engine = new EmbeddingEngine(provider, { onBatch: (report) => modelCalls.push(report) });
  await engine.generateEmbeddingsBatch(['warm-up', 'warm-up too']);

  const targets: { name: string; open: () => Promise<Database>; cleanup: () => void }[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'docent-bench-ingest-'));
  targets.push({ name: 'PGlite (on disk)', open: () => openDatabase({ dataDir: dir }), cleanup: () => rmSync(dir, { recursive: true, force: true }) });
  if (process.env['BENCH_DATABASE_URL']) targets.push({ name: 'PostgreSQL 15', open: () => openDatabase({ url: process.env['BENCH_DATABASE_URL'] }), cleanup: () => undefined });
  else console.log('BENCH_DATABASE_URL not set: PostgreSQL skipped (tools/bench/with-postgres.sh starts one)');
  console.log(`${DOCUMENTS} README documents per round, ${ROUNDS} rounds, MiniLM-shaped fixture (int8), ${workers} worker threads, chunks of ${DEFAULT_DOCUMENTS_CONFIG.chunkTokens} tokens`);
  console.log(`claims of ${process.env['BENCH_CLAIM_BATCH'] ?? DEFAULT_DOCUMENTS_CONFIG.claimBatch} documents, ${process.env['BENCH_BATCHES_IN_FLIGHT'] ?? DEFAULT_DOCUMENTS_CONFIG.batchesInFlight} batches in flight\n`);

  const rows: (string | number)[][] = [];
  for (const target of targets) {
    const db = await target.open();
    try {
      rows.push(await benchmark(target.name, db, engine, provider));
    } finally {
      await db.close();
      target.cleanup();
    }
  }
  await engine.close();
  console.log(
    formatTable(
      ['database', 'documents', 'chunks', 'pipeline chunks/s', 'engine alone chunks/s', 'pipeline / engine (median; every round)', 'parse + chunk alone chunks/s', 'writes alone chunks/s', 'search p50 ms', 'search p99 ms', 'search p50 / p99 ms during ingestion (searches)'],
      rows,
    ),
  );
}

async function benchmark(name: string, db: Database, engine: EmbeddingEngine, provider: ReturnType<typeof createTransformersProvider>): Promise<(string | number)[]> {
  const modelRecord = await db.embeddingModels.activate((await db.embeddingModels.register({ name: provider.modelName, provider: provider.runtime, dimension: provider.dimension })).id);
  const config = {
    ...DEFAULT_DOCUMENTS_CONFIG,
    pollIntervalMs: 20,
    claimBatch: Number(process.env['BENCH_CLAIM_BATCH'] ?? DEFAULT_DOCUMENTS_CONFIG.claimBatch),
    batchesInFlight: Number(process.env['BENCH_BATCHES_IN_FLIGHT'] ?? DEFAULT_DOCUMENTS_CONFIG.batchesInFlight),
  };
  const chunker = new RecursiveChunker((texts) => provider.countTokens(texts), { chunkTokens: config.chunkTokens, overlapTokens: config.chunkOverlapTokens });
  const intake = new DocumentIntake(db, config);
  const models = fixedModel({ model: modelRecord, engine, chunker });
  const processor = () => new DocumentProcessor({ db, models, config, logger: quiet });
  const search = new SearchService(db, models);
  const serverCpu = await serverCpuReader(db);
  const newOwner = () => db.users.create({ email: `bench-${randomUUID()}@example.test`, passwordHash: 'x' });

  // 0. Warm-up: a few documents through the whole pipeline, so every measurement starts warm.
  const warmUpOwner = await newOwner();
  await intake.ingest({ userId: warmUpOwner.id }, readmeDocuments(8, 2 * DOCUMENTS).map(asMarkdown));
  const warmUpWorker = processor();
  while ((await warmUpWorker.processBatch()) > 0);

  // 1. Parsing and chunking alone, the documents one after another (as the CPU sees them).
  const documents = readmeDocuments(DOCUMENTS).map(asMarkdown);
  let start = process.hrtime.bigint();
  const chunkTexts: string[] = [];
  for (const document of documents) chunkTexts.push(...(await chunker.chunk(await DEFAULT_PARSERS.toPlainText(document.content, document.mimeType))).map((chunk) => chunk.text));
  const chunkSeconds = elapsedMs(start) / 1000;

  // 2. Rounds of the engine alone on those chunks and the whole pipeline on the same documents
  // (for a new owner each time), ending with the engine: each pipeline run is compared with the
  // engine runs either side of it, so a shared host that speeds up or slows down mid-run skews
  // no round. The median round is reported.
  const engineRuns = [await timeEngine(engine, chunkTexts)];
  const rounds: Round[] = [];
  let owner = warmUpOwner;
  for (let round = 1; round <= ROUNDS; round++) {
    owner = await newOwner();
    const pipeline = await timePipeline(db, intake, processor, owner.id, documents, serverCpu);
    engineRuns.push(await timeEngine(engine, chunkTexts));
    const lastTwo = engineRuns.slice(-2);
    const engineRate = chunkTexts.length / mean(lastTwo.map((run) => run.seconds));
    const engineCpu = mean(lastTwo.map((run) => run.cpuSeconds));
    rounds.push({ ...pipeline, ratio: pipeline.chunks / pipeline.seconds / engineRate, engineRate });
    console.log(
      `${name}, round ${round}: ${pipeline.ready} READY, ${pipeline.chunks} chunks; pipeline ${pipeline.use}; ` +
        `engine alone ${engineRate.toFixed(1)} chunks/s, CPU ${engineCpu.toFixed(1)} s`,
    );
  }
  const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)] as Round;
  const ratios = rounds.map((round) => `${Math.round(round.ratio * 100)}%`).join(', ');

  // 3. The writes alone: the last round's chunks again, a claim's worth per transaction as the
  // worker writes them, each vector nudged so that HNSW inserts it as a new node (pgvector adds
  // an exact duplicate's row to the existing node and skips the neighbour updates).
  const storedChunks = (await Promise.all((await listDocumentIds(db, owner.id)).map((id) => db.chunks.findByDocument({ userId: owner.id }, id)))).flat();
  const copy = await db.documents.create({ ...(await inDefaultCollection(db, owner.id)), title: 'copy', mimeType: 'text/plain', content: 'copy', contentHash: `copy-${Date.now()}` });
  const perClaim = Math.max(1, Math.round((storedChunks.length / documents.length) * config.claimBatch));
  const copies = storedChunks.map((chunk, ordinal) => ({ ...chunk, documentId: copy.id, ordinal, embedding: nudged(chunk.embedding) }));
  start = process.hrtime.bigint();
  for (let i = 0; i < copies.length; i += perClaim) {
    const slice = copies.slice(i, i + perClaim);
    await db.transaction((tx) => tx.chunks.insertMany(modelRecord.id, slice));
  }
  const writeSeconds = elapsedMs(start) / 1000;
  await db.documents.delete({ userId: owner.id }, copy.id);

  // 4. Search latency at this size, idle.
  const queries = readmeChunks(QUERIES, 9).map((text) => text.split(' ').slice(0, 12).join(' '));
  const idle = await timeSearches(search, owner.id, queries);

  // 5. Search latency while another 50 documents are ingested: searches one after another from
  // the first claim until the last document is READY, so that they meet the worker's writes as
  // often as a steady stream of users would.
  const more = readmeDocuments(DOCUMENTS, DOCUMENTS).map(asMarkdown).slice(0, 50);
  const settled = await settledSince(db);
  await intake.ingest({ userId: owner.id }, more);
  const background = processor();
  background.start();
  const loaded: number[] = [];
  for (let round = 0; ; round++) {
    loaded.push(...(await timeSearches(search, owner.id, queries.slice((round * 10) % QUERIES, (round * 10) % QUERIES + 10))));
    if ((await settled()) >= more.length) break;
  }
  await background.stop();

  return [
    name,
    median.ready,
    median.chunks,
    (median.chunks / median.seconds).toFixed(1),
    median.engineRate.toFixed(1),
    `${Math.round(median.ratio * 100)}% (${ratios})`,
    (chunkTexts.length / chunkSeconds).toFixed(0),
    (copies.length / writeSeconds).toFixed(0),
    percentile(idle, 50).toFixed(1),
    percentile(idle, 99).toFixed(1),
    `${percentile(loaded, 50).toFixed(1)} / ${percentile(loaded, 99).toFixed(1)} (${loaded.length})`,
  ];
}

interface Round {
  ready: number;
  chunks: number;
  seconds: number;
  use: string;
  engineRate: number;
  ratio: number;
}

/** From now on: how many documents have ended READY or FAILED since this call (one query per check). */
async function settledSince(db: Database): Promise<() => Promise<number>> {
  const before = await db.documentQueue.countByStatus();
  return async () => {
    const counts = await db.documentQueue.countByStatus();
    return counts.READY - before.READY + counts.FAILED - before.FAILED;
  };
}

/** Intake to READY for `documents`, through one worker as the gateway runs it. */
async function timePipeline(
  db: Database,
  intake: DocumentIntake,
  processor: () => DocumentProcessor,
  ownerId: string,
  documents: readonly ReturnType<typeof asMarkdown>[],
  serverCpu: (() => number) | undefined,
): Promise<Omit<Round, 'engineRate' | 'ratio'>> {
  const settled = await settledSince(db);
  modelCalls = [];
  const cpu = process.cpuUsage();
  const serverBefore = serverCpu?.();
  const threads = THREAD_CPU ? threadCpu() : undefined;
  const start = process.hrtime.bigint();
  for (let i = 0; i < documents.length; i += 50) await intake.ingest({ userId: ownerId }, documents.slice(i, i + 50));
  const worker = processor();
  worker.start();
  // Not more often: every check is a query on the database (and, on PGlite, the CPU) being measured.
  while ((await settled()) < documents.length) await new Promise((resolve) => setTimeout(resolve, 100));
  await worker.stop();
  const seconds = elapsedMs(start) / 1000;
  const serverSeconds = serverCpu === undefined || serverBefore === undefined ? undefined : serverCpu() - serverBefore;
  const use = describePhase(seconds, process.cpuUsage(cpu), serverSeconds);
  if (threads) console.log(`  pipeline, CPU seconds by thread: ${describeThreads(threads, threadCpu())}`);
  // The owner is new each round, so their documents are this round's; chunk counts come with them.
  const stored = await db.documents.list({ userId: ownerId }, { first: 10_000 });
  const ready = stored.filter((document) => document.status === 'READY').length;
  const chunks = stored.reduce((sum, document) => sum + document.chunkCount, 0);
  return { ready, chunks, seconds, use };
}

async function timeEngine(engine: EmbeddingEngine, texts: readonly string[]): Promise<{ seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const threads = THREAD_CPU ? threadCpu() : undefined;
  const start = process.hrtime.bigint();
  await engine.generateEmbeddingsBatch(texts);
  const seconds = elapsedMs(start) / 1000;
  const used = process.cpuUsage(cpu);
  if (threads) console.log(`  engine alone, CPU seconds by thread: ${describeThreads(threads, threadCpu())}`);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

function asMarkdown(document: { title: string; content: string }) {
  return { ...document, mimeType: 'text/markdown' as const };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** A unit vector close to `vector` but not equal to it. */
function nudged(vector: Float32Array): Float32Array {
  const moved = vector.map((value) => value + (Math.random() - 0.5) * 0.02);
  const norm = Math.hypot(...moved);
  return moved.map((value) => value / norm);
}

/**
 * CPU time of this process (all of its threads) and of a PostgreSQL server on this machine
 * (`serverSeconds`, its own processes) against the time the cores had, and the model calls made:
 * where the time went.
 */
function describePhase(seconds: number, cpu: NodeJS.CpuUsage, serverSeconds: number | undefined): string {
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const cores = availableParallelism();
  const texts = modelCalls.reduce((sum, call) => sum + call.size, 0);
  const share = (used: number) => `${Math.round((used / (seconds * cores)) * 100)}% of ${cores} cores`;
  const server = serverSeconds === undefined ? '' : `, server ${serverSeconds.toFixed(1)} s, together ${share(cpuSeconds + serverSeconds)}`;
  return `${seconds.toFixed(1)} s, CPU ${cpuSeconds.toFixed(1)} s (${share(cpuSeconds)})${server}, ${modelCalls.length} model calls of ${(texts / Math.max(1, modelCalls.length)).toFixed(1)} texts`;
}

async function timeSearches(search: SearchService, ownerId: string, queries: readonly string[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const query of queries) {
    const start = process.hrtime.bigint();
    await search.search({ userId: ownerId }, query, { mode: 'SEMANTIC', first: 10 });
    latencies.push(elapsedMs(start));
  }
  return latencies;
}

async function listDocumentIds(db: Database, ownerId: string): Promise<string[]> {
  return (await db.documents.list({ userId: ownerId }, { first: 10_000 })).map((document) => document.id);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
