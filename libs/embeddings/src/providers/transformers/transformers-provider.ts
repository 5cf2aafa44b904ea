import path from 'node:path';
import { DEFAULT_MAX_BATCH_TOKENS } from '../../threads/batch-tokens';
import { ThreadedProvider } from '../../threads/threaded-provider';
import { modelFolder, onnxModelFile } from './model-files';

export interface TransformersProviderOptions {
  /** Hub-style id, e.g. `Xenova/all-MiniLM-L6-v2`; read from `<modelsDir>/<id>/`. */
  modelName: string;
  modelsDir: string;
  dimension: number;
  maxInputTokens: number;
  /** int8 weights (`onnx/model_quantized.onnx`): about twice as fast as fp32 on CPU. */
  quantized: boolean;
  /** Worker threads, one model instance each: onnxruntime runs a session on one core here. */
  threads: number;
  /** Most padded tokens per model run (default `DEFAULT_MAX_BATCH_TOKENS`): a larger batch is run in parts. */
  maxBatchTokens?: number;
  /** Let transformers.js download a missing tokenizer from the Hugging Face hub (the model file must be in `modelsDir`; see model-download.ts). */
  allowRemoteModels: boolean;
}

/**
 * A transformers.js model in worker threads: its tokenizer, its ONNX graph run by onnxruntime-node
 * (one intra-op thread per worker), mean pooling and L2 normalization, as transformers.js's
 * feature-extraction pipeline computes them.
 */
export function createTransformersProvider(options: TransformersProviderOptions): ThreadedProvider {
  const precision = options.quantized ? 'int8' : 'fp32';
  return new ThreadedProvider({
    runtime: 'transformers.js',
    modelName: options.modelName,
    dimension: options.dimension,
    maxInputTokens: options.maxInputTokens,
    threads: options.threads,
    script: path.join(__dirname, 'transformers.worker.mjs'),
    workerData: {
      modelsDir: options.modelsDir,
      modelFile: path.join(modelFolder(options.modelsDir, options.modelName), onnxModelFile(options.quantized)),
      allowRemoteModels: options.allowRemoteModels,
      maxBatchTokens: options.maxBatchTokens ?? DEFAULT_MAX_BATCH_TOKENS,
    },
    description: `${options.modelName} (transformers.js, ${precision}, ${options.dimension}-d, ${options.threads} model thread(s))`,
    keepWorkersForProcessLifetime: true,
  });
}

