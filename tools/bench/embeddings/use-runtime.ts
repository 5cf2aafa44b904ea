// One runtime of Universal Sentence Encoder lite in a process of its own (so its peak RSS is its
// own): embeds the texts of a JSON file with Docent's engine and default threads, writes the
// vectors next to it, and prints { textsPerSecond, peakRssMb } as its last line.
//   node -r @swc-node/register tools/bench/embeddings/use-runtime.ts <onnx|tfjs-wasm|tfjs-cpu> <texts.json> <threads>
// BENCH_MAX_BATCH_TOKENS sets the ONNX runtime's padded pieces per model run (default Docent's).
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_BATCH_TOKENS, EmbeddingEngine, createUniversalSentenceEncoderProvider } from '@docent/embeddings';
import { elapsedMs } from '../lib/stats';

async function main(): Promise<void> {
  const [runtime = 'onnx', textsFile = '', threads = '2'] = process.argv.slice(2);
  const texts = JSON.parse(readFileSync(textsFile, 'utf8')) as string[];
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const provider = createUniversalSentenceEncoderProvider({
    threads: Number(threads),
    runtime: runtime === 'onnx' ? 'onnx' : 'tfjs',
    backend: runtime === 'tfjs-cpu' ? 'cpu' : 'wasm',
    cacheDir: path.join(tmpdir(), 'docent-bench-models'),
    maxBatchTokens: Number(process.env['BENCH_MAX_BATCH_TOKENS'] ?? DEFAULT_MAX_BATCH_TOKENS),
  });
  const engine = new EmbeddingEngine(provider);
  await engine.generateEmbeddingsBatch(['warm-up', 'warm-up two']);
  const start = process.hrtime.bigint();
  const { vectors } = await engine.generateEmbeddingsBatch(texts);
  const seconds = elapsedMs(start) / 1000;
  clearInterval(sampler);
  writeFileSync(`${textsFile}.${runtime}.json`, JSON.stringify(vectors.map((vector) => Array.from(vector))));
  console.log(JSON.stringify({ textsPerSecond: texts.length / seconds, peakRssMb: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20 }));
  await engine.close();
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
