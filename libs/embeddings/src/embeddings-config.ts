import { availableParallelism } from 'node:os';
import { booleanFlag, integer, optionalText } from '@docent/common';
import { z } from 'zod';
import { DEFAULT_MAX_BATCH_TOKENS } from './threads/batch-tokens';

export const DEFAULT_MODEL_NAME = 'Xenova/all-MiniLM-L6-v2';

/** The environment variables that choose and run the embedding model, and the config they make. */
export const embeddingsEnvironment = z
  .object({
    EMBEDDING_PROVIDER: z.enum(['auto', 'transformers', 'use-lite', 'openai']).default('auto'),
    EMBEDDING_MODEL: z.string().trim().min(1).default(DEFAULT_MODEL_NAME),
    EMBEDDING_MODELS_DIR: z.string().trim().min(1).default('models'),
    EMBEDDING_QUANTIZED: booleanFlag.default(true),
    EMBEDDING_ALLOW_REMOTE_MODELS: booleanFlag.default(false),
    EMBEDDING_HUB_URL: z.url({ protocol: /^https?$/ }).default('https://huggingface.co'),
    EMBEDDING_THREADS: integer(1, 64).default(Math.max(1, Math.min(4, availableParallelism()))),
    EMBEDDING_MAX_BATCH_TOKENS: integer(16, 1_048_576).default(DEFAULT_MAX_BATCH_TOKENS),
    EMBEDDING_USE_RUNTIME: z.enum(['onnx', 'tfjs']).default('onnx'),
    EMBEDDING_TFJS_BACKEND: z.enum(['wasm', 'cpu']).default('wasm'),
    EMBEDDING_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    EMBEDDING_API_KEY: optionalText,
    EMBEDDING_DIMENSION: integer(1, 16_000).optional(),
    EMBEDDING_BATCH_SIZE: integer(1, 2_048).default(64),
  })
  .refine((env) => env.EMBEDDING_PROVIDER !== 'openai' || env.EMBEDDING_BASE_URL !== undefined, {
    path: ['EMBEDDING_BASE_URL'],
    message: 'required when EMBEDDING_PROVIDER=openai (e.g. http://127.0.0.1:11434/v1 for Ollama)',
  })
  .transform((env) => ({
    /** `auto`: the transformers.js model when available, else the bundled pretrained encoder; `openai`: an HTTP server. */
    provider: env.EMBEDDING_PROVIDER,
    /** transformers.js model name, e.g. `Xenova/all-MiniLM-L6-v2`. */
    modelName: env.EMBEDDING_MODEL,
    /** Local models folder laid out as `<modelsDir>/<org>/<name>/…`. */
    modelsDir: env.EMBEDDING_MODELS_DIR,
    quantized: env.EMBEDDING_QUANTIZED,
    /** May transformers.js download from the hub when the model is not local? */
    allowRemoteModels: env.EMBEDDING_ALLOW_REMOTE_MODELS,
    /** Hub base URL (or a mirror), probed before relying on it; `npm run models:download` fetches from it. */
    hubUrl: env.EMBEDDING_HUB_URL,
    /** Model threads for ingestion batches (search queries get one more of their own). */
    threads: env.EMBEDDING_THREADS,
    /** Most padded tokens (texts × the longest one's tokens) in one model run: bounds each model thread's working memory. */
    maxBatchTokens: env.EMBEDDING_MAX_BATCH_TOKENS,
    /** What runs Universal Sentence Encoder lite: its graph converted to ONNX (into modelsDir, once), or TensorFlow.js. */
    useRuntime: env.EMBEDDING_USE_RUNTIME,
    tfjsBackend: env.EMBEDDING_TFJS_BACKEND,
    /** `openai`: an OpenAI-compatible `/v1/embeddings` server. */
    http: { baseUrl: env.EMBEDDING_BASE_URL, apiKey: env.EMBEDDING_API_KEY, dimension: env.EMBEDDING_DIMENSION, maxBatchSize: env.EMBEDDING_BATCH_SIZE },
  }));

export type EmbeddingsConfig = z.output<typeof embeddingsEnvironment>;

export const DEFAULT_EMBEDDINGS_CONFIG: EmbeddingsConfig = embeddingsEnvironment.parse({});
