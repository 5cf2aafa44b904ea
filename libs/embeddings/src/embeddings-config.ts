import { availableParallelism } from 'node:os';
import { booleanFlag, integer } from '@docent/common';
import { z } from 'zod';

export const DEFAULT_MODEL_NAME = 'Xenova/all-MiniLM-L6-v2';

/** The environment variables that choose and run the embedding model, and the config they make. */
export const embeddingsEnvironment = z
  .object({
    EMBEDDING_PROVIDER: z.enum(['auto', 'transformers', 'use-lite']).default('auto'),
    EMBEDDING_MODEL: z.string().trim().min(1).default(DEFAULT_MODEL_NAME),
    EMBEDDING_MODELS_DIR: z.string().trim().min(1).default('models'),
    EMBEDDING_QUANTIZED: booleanFlag.default(true),
    EMBEDDING_ALLOW_REMOTE_MODELS: booleanFlag.default(false),
    EMBEDDING_THREADS: integer(1, 64).default(Math.max(1, Math.min(4, availableParallelism()))),
    EMBEDDING_TFJS_BACKEND: z.enum(['wasm', 'cpu']).default('wasm'),
  })
  .transform((env) => ({
    /** `auto`: the transformers.js model when available, else the bundled pretrained encoder. */
    provider: env.EMBEDDING_PROVIDER,
    /** transformers.js model name, e.g. `Xenova/all-MiniLM-L6-v2`. */
    modelName: env.EMBEDDING_MODEL,
    /** Local models folder laid out as `<modelsDir>/<org>/<name>/…`. */
    modelsDir: env.EMBEDDING_MODELS_DIR,
    quantized: env.EMBEDDING_QUANTIZED,
    /** May transformers.js download from the hub when the model is not local? */
    allowRemoteModels: env.EMBEDDING_ALLOW_REMOTE_MODELS,
    /** Hub base URL, probed before relying on it. */
    hubUrl: 'https://huggingface.co',
    /** Model threads for ingestion batches (search queries get one more of their own). */
    threads: env.EMBEDDING_THREADS,
    tfjsBackend: env.EMBEDDING_TFJS_BACKEND,
  }));

export type EmbeddingsConfig = z.output<typeof embeddingsEnvironment>;

export const DEFAULT_EMBEDDINGS_CONFIG: EmbeddingsConfig = embeddingsEnvironment.parse({});
