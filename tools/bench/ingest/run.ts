// Ingestion benchmark: README files from node_modules as Markdown documents, through intake,
// the queue worker (parse, chunk, embed, write) to READY, on PGlite and (when a URL is given)
// PostgreSQL, with the MiniLM-L6-shaped fixture model. Compares the pipeline's chunks/s with the
// embedding engine's own on the same chunks, and measures search latency, idle and under load.
//   tools/bench/with-postgres.sh tools/bench/ingest/run.ts   (PGlite and a throwaway PostgreSQL)
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_DOCUMENTS_CONFIG, DocumentIntake, DocumentProcessor, RecursiveChunker, SearchService, toPlainText } from '@docent/documents';
import { type EmbeddingBatchReport, EmbeddingEngine, createTransformersProvider } from '@docent/embeddings';
import { ensureFixtureModel } from '@docent/embeddings/testing';
import { type Database, openDatabase } from '@docent/persistence';
import { readmeChunks, readmeDocuments } from '../lib/corpus';
import { elapsedMs, formatTable, percentile } from '../lib/stats';

const DOCUMENTS = Number(process.env['BENCH_DOCUMENTS'] ?? 120);
const QUERIES = 100;
const quiet = { info: () => undefined, warn: () => undefined };
/** The model calls of the phase being measured. */
let modelCalls: EmbeddingBatchReport[] = [];

async function main(): Promise<void> {
  const model = ensureFixtureModel('minilm');
  const workers = Math.max(1, Math.min(2, availableParallelism()));
  const provider = createTransformersProvider({ modelId: model.modelId, modelsDir: model.modelsDir, dimension: 384, maxInputTokens: 256, quantized: true, workers, allowRemoteModels: false });
  const engine = new EmbeddingEngine(provider, { onBatch: (report) => modelCalls.push(report) });
  await engine.generateEmbeddingsBatch(['warm-up', 'warm-up too']);

  const targets: { name: string; open: () => Promise<Database>; cleanup: () => void }[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'docent-bench-ingest-'));
  targets.push({ name: 'PGlite (on disk)', open: () => openDatabase({ dataDir: dir }), cleanup: () => rmSync(dir, { recursive: true, force: true }) });
  if (process.env['BENCH_DATABASE_URL']) targets.push({ name: 'PostgreSQL 15', open: () => openDatabase({ url: process.env['BENCH_DATABASE_URL'] }), cleanup: () => undefined });
  else console.log('BENCH_DATABASE_URL not set: PostgreSQL skipped (tools/bench/with-postgres.sh starts one)');
  console.log(`${DOCUMENTS} README documents per run, MiniLM-shaped fixture (int8), ${workers} worker threads, chunks of ${DEFAULT_DOCUMENTS_CONFIG.chunkTokens} tokens`);
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
      ['database', 'documents', 'chunks', 'pipeline chunks/s', 'engine alone chunks/s', 'pipeline / engine', 'parse + chunk alone chunks/s', 'writes alone chunks/s', 'search p50 ms', 'search p99 ms', 'search p99 ms during ingestion'],
      rows,
    ),
  );
}

async function benchmark(name: string, db: Database, engine: EmbeddingEngine, provider: ReturnType<typeof createTransformersProvider>): Promise<(string | number)[]> {
  const owner = await db.users.create({ email: `bench-${Date.now()}@example.test`, passwordHash: 'x' });
  const modelRecord = await db.embeddingModels.register({ name: provider.modelId, provider: provider.runtime, dimension: provider.dimension });
  const config = {
    ...DEFAULT_DOCUMENTS_CONFIG,
    pollIntervalMs: 20,
    claimBatch: Number(process.env['BENCH_CLAIM_BATCH'] ?? DEFAULT_DOCUMENTS_CONFIG.claimBatch),
    batchesInFlight: Number(process.env['BENCH_BATCHES_IN_FLIGHT'] ?? DEFAULT_DOCUMENTS_CONFIG.batchesInFlight),
  };
  const chunker = new RecursiveChunker((texts) => provider.countTokens(texts), { chunkTokens: config.chunkTokens, overlapTokens: config.chunkOverlapTokens });
  const intake = new DocumentIntake(db, config);
  const processor = () => new DocumentProcessor({ db, engine, modelId: modelRecord.id, chunker, config, logger: quiet });
  const search = new SearchService(db, (text) => engine.embedQuery(text), modelRecord.id);

  // 0. Warm-up: a few documents through the whole pipeline, so both measurements start warm.
  const warmUp = readmeDocuments(8, 2 * DOCUMENTS).map((document) => ({ ...document, mimeType: 'text/markdown' as const }));
  await intake.ingest(owner.id, warmUp);
  const warmUpWorker = processor();
  while ((await warmUpWorker.processBatch()) > 0);

  // 1. Intake to READY.
  const documents = readmeDocuments(DOCUMENTS).map((document) => ({ ...document, mimeType: 'text/markdown' as const }));
  const readyBefore = (await db.documentQueue.countByStatus()).READY;
  modelCalls = [];
  let cpu = process.cpuUsage();
  let start = process.hrtime.bigint();
  for (let i = 0; i < documents.length; i += 50) await intake.ingest(owner.id, documents.slice(i, i + 50));
  const worker = processor();
  worker.start();
  const settled = async () => {
    const counts = await db.documentQueue.countByStatus();
    return counts.READY - readyBefore + counts.FAILED >= documents.length;
  };
  // Not more often: every check is a query on the database (and, on PGlite, the CPU) being measured.
  while (!(await settled())) await new Promise((resolve) => setTimeout(resolve, 100));
  await worker.stop();
  const pipelineSeconds = elapsedMs(start) / 1000;
  const pipelineUse = describePhase(pipelineSeconds, process.cpuUsage(cpu));
  const counts = await db.documentQueue.countByStatus();
  const measured = new Set((await listDocumentIds(db, owner.id)).slice(0, documents.length));
  const storedChunks = (await Promise.all([...measured].map((id) => db.chunks.findByDocument(owner.id, id)))).flat();
  const chunkTexts = storedChunks.map((chunk) => chunk.text);
  console.log(`${name}: ${counts.READY - readyBefore} READY, ${counts.FAILED} FAILED, ${chunkTexts.length} chunks in ${pipelineSeconds.toFixed(1)} s`);
  console.log(`  pipeline:     ${pipelineUse}`);

  // 2. The engine alone on the same chunks.
  modelCalls = [];
  cpu = process.cpuUsage();
  start = process.hrtime.bigint();
  await engine.generateEmbeddingsBatch(chunkTexts);
  const engineSeconds = elapsedMs(start) / 1000;
  console.log(`  engine alone: ${describePhase(engineSeconds, process.cpuUsage(cpu))}`);

  // 2a. Parsing and chunking alone, the documents one after another (as the CPU sees them).
  start = process.hrtime.bigint();
  for (const document of documents) await chunker.chunk(toPlainText(document.content, document.mimeType));
  const chunkSeconds = elapsedMs(start) / 1000;

  // 2b. The writes alone: the same chunks again, a claim's worth per transaction as the worker
  // writes them, each vector nudged so that HNSW inserts it as a new node (pgvector adds an
  // exact duplicate's row to the existing node and skips the neighbour updates).
  const copy = await db.documents.create({ ownerId: owner.id, title: 'copy', mimeType: 'text/plain', content: 'copy', contentHash: `copy-${Date.now()}` });
  const perClaim = Math.max(1, Math.round((storedChunks.length / documents.length) * config.claimBatch));
  const copies = storedChunks.map((chunk, ordinal) => ({ ...chunk, documentId: copy.id, ordinal, embedding: nudged(chunk.embedding) }));
  start = process.hrtime.bigint();
  for (let i = 0; i < copies.length; i += perClaim) {
    const slice = copies.slice(i, i + perClaim);
    await db.transaction((tx) => tx.chunks.insertMany(modelRecord.id, slice));
  }
  const writeSeconds = elapsedMs(start) / 1000;
  await db.documents.delete(owner.id, copy.id);

  // 3. Search latency at this size, idle.
  const queries = readmeChunks(QUERIES, 9).map((text) => text.split(' ').slice(0, 12).join(' '));
  const idle = await timeSearches(search, owner.id, queries);

  // 4. Search latency while another batch of documents is ingested.
  const more = readmeDocuments(DOCUMENTS, DOCUMENTS).map((document) => ({ ...document, mimeType: 'text/markdown' as const }));
  await intake.ingest(owner.id, more.slice(0, 50));
  const background = processor();
  background.start();
  const loaded = await timeSearches(search, owner.id, queries);
  await background.stop();

  const pipelineRate = chunkTexts.length / pipelineSeconds;
  const engineRate = chunkTexts.length / engineSeconds;
  return [
    name,
    counts.READY - readyBefore,
    chunkTexts.length,
    pipelineRate.toFixed(1),
    engineRate.toFixed(1),
    `${Math.round((pipelineRate / engineRate) * 100)}%`,
    (chunkTexts.length / chunkSeconds).toFixed(0),
    (chunkTexts.length / writeSeconds).toFixed(0),
    percentile(idle, 50).toFixed(1),
    percentile(idle, 99).toFixed(1),
    percentile(loaded, 99).toFixed(1),
  ];
}

/** A unit vector close to `vector` but not equal to it. */
function nudged(vector: Float32Array): Float32Array {
  const moved = vector.map((value) => value + (Math.random() - 0.5) * 0.02);
  const norm = Math.hypot(...moved);
  return moved.map((value) => value / norm);
}

/**
 * CPU time of this process (all of its threads; a PostgreSQL server's own processes are not
 * included) against the time the cores had, and the model calls made: where the time went.
 */
function describePhase(seconds: number, cpu: NodeJS.CpuUsage): string {
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const cores = availableParallelism();
  const texts = modelCalls.reduce((sum, call) => sum + call.size, 0);
  const share = Math.round((cpuSeconds / (seconds * cores)) * 100);
  return `${seconds.toFixed(1)} s, CPU ${cpuSeconds.toFixed(1)} s (${share}% of ${cores} cores), ${modelCalls.length} model calls of ${(texts / Math.max(1, modelCalls.length)).toFixed(1)} texts`;
}

async function timeSearches(search: SearchService, ownerId: string, queries: readonly string[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const query of queries) {
    const start = process.hrtime.bigint();
    await search.search(ownerId, query, { mode: 'SEMANTIC', first: 10 });
    latencies.push(elapsedMs(start));
  }
  return latencies;
}

async function listDocumentIds(db: Database, ownerId: string): Promise<string[]> {
  return (await db.documents.list(ownerId, { first: 10_000 })).map((document) => document.id);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
