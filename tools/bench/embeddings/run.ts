// Embedding engine benchmark on the MiniLM-L6-shaped fixture model (untrained weights, real
// compute) and real text. Prints throughput by batch size, length sorting and precision, and of
// the default batches under budgets of padded tokens per model run; the bare onnxruntime ceiling; event-loop lag while 2,000 chunks are embedded; peak RSS; and the
// offline pretrained provider's runtimes: throughput, peak RSS and agreement.
//   node -r @swc-node/register tools/bench/embeddings/run.ts     (SWC_NODE_PROJECT=tools/tsconfig.json)
//   BENCH_SECTIONS=lag BENCH_LAG_TEXTS=1000 BENCH_MAX_BATCH_TOKENS=1000000 …   (memory without a budget)
//   BENCH_SECTIONS=default …   (the default configuration alone, in a process that loads nothing else)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_MAX_BATCH_TOKENS, EmbeddingEngine, type ThreadedProvider, cosineSimilarity, createTransformersProvider } from '@docent/embeddings';
import { ensureFixtureModel } from '@docent/embeddings/testing';
import { readmeChunks } from '../lib/corpus';
import { elapsedMs, formatTable } from '../lib/stats';

const TEXTS = Number(process.env['BENCH_TEXTS'] ?? 512);
const ONE_AT_A_TIME_TEXTS = Math.min(TEXTS, 128);
const LAG_TEXTS = Number(process.env['BENCH_LAG_TEXTS'] ?? 2_000);
/** Texts the offline pretrained provider's runtimes embed and are compared on. */
const USE_TEXTS = Number(process.env['BENCH_USE_TEXTS'] ?? 500);
const WORKERS = Math.max(1, Math.min(2, availableParallelism()));
/**
 * `throughput,lag,use` by default; `lag` alone gives the memory of Docent's default configuration,
 * `default` alone its texts/s without the throughput section's other threads in the process.
 */
const SECTIONS = (process.env['BENCH_SECTIONS'] ?? 'throughput,lag,use').split(',');
/** No budget: every batch in one model run, as the batch-size rows need. */
const UNBOUNDED = 1_000_000;
/** Padded-token budgets compared with the default batches (Docent's default among them). */
const BUDGETS = [DEFAULT_MAX_BATCH_TOKENS, 512, 1_024, 2_048].filter((value, i, all) => all.indexOf(value) === i);
/** The lag and memory section's budget: Docent's default unless set (1000000 for none). */
const LAG_BUDGET = Number(process.env['BENCH_MAX_BATCH_TOKENS'] ?? DEFAULT_MAX_BATCH_TOKENS);

let peakRss = 0;
const rssSampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function main(): Promise<void> {
  const model = ensureFixtureModel('minilm');
  const texts = readmeChunks(TEXTS);
  const provider = (quantized: boolean, threads: number, maxBatchTokens = DEFAULT_MAX_BATCH_TOKENS) =>
    createTransformersProvider({ modelName: model.modelName, modelsDir: model.modelsDir, dimension: 384, maxInputTokens: 256, quantized, threads, allowRemoteModels: false, maxBatchTokens });

  // Tokens the model actually sees: its tokenizer's count, truncated at the model's 256-token limit.
  const tokenCounts = (await provider(true, 1).countTokens(texts)).map((count) => Math.min(count, 256));
  const tokens = tokenCounts.reduce((sum, count) => sum + count, 0);
  console.log(`${texts.length} README chunks, ${Math.min(...tokenCounts)}-${Math.max(...tokenCounts)} tokens (mean ${(tokens / texts.length).toFixed(0)}), ${WORKERS} worker threads, node ${process.version}\n`);

  if (SECTIONS.includes('default')) await measureDefault(texts, provider);
  if (SECTIONS.includes('throughput')) await measureThroughput(texts, tokenCounts, tokens, model, provider);
  if (SECTIONS.includes('lag')) await measureLag(provider);
  if (SECTIONS.includes('use')) await measureUse(readmeChunks(USE_TEXTS));
  clearInterval(rssSampler);
  console.log(`\nPeak RSS over this run: ${(peakRss / 2 ** 20).toFixed(0)} MB`);
}

type ProviderFactory = (quantized: boolean, workers: number, maxBatchTokens?: number) => ThreadedProvider;

/**
 * Docent's default configuration (int8, WORKERS model threads, default batches and budget) over
 * the same texts three times. The throughput section's row for it shares the process with every
 * other configuration's threads, which this host's two cores feel (docs/benchmarks.md).
 */
async function measureDefault(texts: string[], provider: ProviderFactory) {
  const engine = new EmbeddingEngine(provider(true, WORKERS));
  await engine.generateEmbeddingsBatch(texts.slice(0, 16));
  const passes: string[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const start = process.hrtime.bigint();
    await engine.generateEmbeddingsBatch(texts);
    passes.push((texts.length / (elapsedMs(start) / 1000)).toFixed(1));
  }
  console.log(`Default configuration (int8, ${WORKERS} model threads, default batches): ${passes.join(', ')} texts/s over ${texts.length} texts, three passes`);
}

async function measureThroughput(texts: string[], tokenCounts: number[], tokens: number, model: { modelsDir: string; modelName: string }, provider: ProviderFactory) {
  const rows: (string | number)[][] = [];
  const record = (label: string, precision: string, workers: number, count: number, tokenTotal: number, ms: number) => {
    rows.push([label, precision, workers, Math.round(count / (ms / 1000)), Math.round(tokenTotal / (ms / 1000))]);
    console.log(`${label} ${precision} ${workers}w: ${(count / (ms / 1000)).toFixed(1)} texts/s`);
  };

  for (const quantized of [true, false]) {
    const precision = quantized ? 'int8' : 'fp32';
    // How the original system worked: one text per model call, one after another.
    const single = provider(quantized, 1, UNBOUNDED);
    await single.embedBatch(['warm-up']);
    let start = process.hrtime.bigint();
    for (const text of texts.slice(0, ONE_AT_A_TIME_TEXTS)) await single.embedBatch([text]);
    const singleTokens = tokenCounts.slice(0, ONE_AT_A_TIME_TEXTS).reduce((sum, count) => sum + count, 0);
    record('one text per call', precision, 1, ONE_AT_A_TIME_TEXTS, singleTokens, elapsedMs(start));

    for (const workers of [1, WORKERS].filter((value, i, all) => all.indexOf(value) === i)) {
      const shared = provider(quantized, workers, UNBOUNDED);
      await shared.embedBatch(['warm-up']);
      for (const batchSize of [8, 32, 64]) {
        for (const sorted of [false, true]) {
          if (workers === 1 && batchSize !== 32) continue;
          const engine = new EmbeddingEngine(shared, { maxBatchSize: batchSize, maxWaitMs: 2, sortWindowBatches: sorted ? 8 : 1 });
          start = process.hrtime.bigint();
          await engine.generateEmbeddingsBatch(texts);
          record(`engine, batch ${batchSize}, ${sorted ? 'length-sorted' : 'unsorted'}`, precision, workers, texts.length, tokens, elapsedMs(start));
        }
      }
    }
    // Docent's default batches, each model run cut to a budget of padded tokens.
    for (const budget of BUDGETS) {
      const budgeted = provider(quantized, WORKERS, budget);
      await budgeted.embedBatch(['warm-up']);
      const engine = new EmbeddingEngine(budgeted);
      start = process.hrtime.bigint();
      await engine.generateEmbeddingsBatch(texts);
      record(`engine, default batches, <= ${budget} padded tokens a run`, precision, WORKERS, texts.length, tokens, elapsedMs(start));
    }
  }

  // The ceiling: onnxruntime alone on the same texts, tokenized in advance, sorted, 32 a batch, one thread.
  const textsFile = path.join(mkdtempSync(path.join(tmpdir(), 'docent-bench-')), 'texts.json');
  writeFileSync(textsFile, JSON.stringify(texts));
  for (const quantized of [true, false]) {
    const output = execFileSync(process.execPath, [path.join(__dirname, 'ceiling.mjs'), model.modelsDir, model.modelName, String(quantized), '32', textsFile], { encoding: 'utf8' });
    const ceiling = JSON.parse(output.trim().split('\n').pop() as string) as { texts: number; tokens: number; seconds: number };
    record('bare onnxruntime session, batch 32, sorted (ceiling)', quantized ? 'int8' : 'fp32', 1, ceiling.texts, ceiling.tokens, ceiling.seconds * 1000);
  }
  console.log('\nThroughput (texts/s and tokens/s; tokens as the model counts them)');
  console.log(formatTable(['configuration', 'precision', 'workers', 'texts/s', 'tokens/s'], rows));

}

async function measureLag(provider: ProviderFactory) {
  // Event-loop lag and memory on the main thread while LAG_TEXTS chunks are embedded, with
  // the configuration Docent runs by default. Earlier runs' worker pools stay alive (onnxruntime
  // workers live as long as the process), so RSS is measured over this run alone.
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  const lagEngine = new EmbeddingEngine(provider(true, WORKERS, LAG_BUDGET));
  const lagTexts = readmeChunks(LAG_TEXTS, 2);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const start = process.hrtime.bigint();
  await lagEngine.generateEmbeddingsBatch(lagTexts);
  const lagSeconds = elapsedMs(start) / 1000;
  histogram.disable();
  const lagPeakRss = peakRss;
  console.log(
    `\nEvent-loop lag while embedding ${LAG_TEXTS} chunks (int8, default engine: batch 8, length-sorted, ${WORKERS} workers, <= ${LAG_BUDGET} padded tokens a run, ${(LAG_TEXTS / lagSeconds).toFixed(0)} texts/s): ` +
      `p50 ${(histogram.percentile(50) / 1e6).toFixed(2)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(2)} ms, max ${(histogram.max / 1e6).toFixed(2)} ms`,
  );

  console.log(
    `RSS while embedding them: peak ${(lagPeakRss / 2 ** 20).toFixed(0)} MB, ${((lagPeakRss - rssBefore) / 2 ** 20).toFixed(0)} MB above the ${(rssBefore / 2 ** 20).toFixed(0)} MB before`,
  );
}

/**
 * The offline pretrained provider, each runtime in a process of its own on the same real texts
 * (Docent's engine, default batches, WORKERS threads): throughput, peak RSS, and how far the ONNX
 * conversion's vectors agree with the TensorFlow.js graph's (cosine per text).
 */
async function measureUse(useTexts: string[]) {
  const textsFile = path.join(mkdtempSync(path.join(tmpdir(), 'docent-bench-use-')), 'texts.json');
  writeFileSync(textsFile, JSON.stringify(useTexts));
  const runtimes = ['tfjs-wasm', 'onnx'] as const;
  const rows: (string | number)[][] = [];
  const vectors: Record<string, number[][]> = {};
  for (const runtime of runtimes) {
    const output = execFileSync(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'use-runtime.ts'), runtime, textsFile, String(WORKERS)], { encoding: 'utf8' });
    const { textsPerSecond, peakRssMb } = JSON.parse(output.trim().split('\n').pop() as string) as { textsPerSecond: number; peakRssMb: number };
    vectors[runtime] = JSON.parse(readFileSync(`${textsFile}.${runtime}.json`, 'utf8')) as number[][];
    rows.push([runtime === 'onnx' ? 'converted to ONNX, onnxruntime-node (default)' : 'TensorFlow.js wasm (before)', WORKERS, textsPerSecond.toFixed(1), peakRssMb.toFixed(0)]);
    console.log(`Universal Sentence Encoder lite, ${runtime}: ${textsPerSecond.toFixed(1)} texts/s, peak RSS ${peakRssMb.toFixed(0)} MB`);
  }
  const onnx = vectors['onnx'] ?? [];
  const tfjs = vectors['tfjs-wasm'] ?? [];
  const agreement = useTexts.map((_, i) => cosineSimilarity(Float32Array.from(onnx[i] ?? []), Float32Array.from(tfjs[i] ?? [])));
  const sorted = [...agreement].sort((a, b) => a - b);
  const at = (i: number) => (sorted[i] ?? Number.NaN).toFixed(7);
  console.log(`\nUniversal Sentence Encoder lite on ${useTexts.length} README chunks, ${WORKERS} threads, Docent's engine`);
  console.log(formatTable(['runtime', 'threads', 'texts/s', 'peak RSS MB'], rows));
  console.log(
    `Agreement of the ONNX conversion with TensorFlow.js (cosine per text): min ${at(0)}, p1 ${at(Math.floor(sorted.length / 100))}, ` +
      `mean ${(agreement.reduce((sum, value) => sum + value, 0) / agreement.length).toFixed(6)}, below 0.999: ${agreement.filter((value) => value < 0.999).length}`,
  );
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
