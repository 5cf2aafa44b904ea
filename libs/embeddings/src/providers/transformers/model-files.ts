import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface LocalModelInfo {
  dimension: number;
  maxInputTokens: number;
}

/** The files transformers.js needs for a feature-extraction model, relative to its folder. */
export function requiredModelFiles(quantized: boolean): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxModelFile(quantized)];
}

/** The ONNX graph of the model, int8 or fp32, relative to its folder. */
export function onnxModelFile(quantized: boolean): string {
  return `onnx/model${quantized ? '_quantized' : ''}.onnx`;
}

/** The folder transformers.js reads `modelName` from, under `modelsDir`. */
export function modelFolder(modelsDir: string, modelName: string): string {
  return path.join(modelsDir, ...modelName.split('/'));
}

/** Names the files that are missing, or returns an empty list when the model is complete. */
export function missingModelFiles(modelsDir: string, modelName: string, quantized: boolean): string[] {
  const folder = modelFolder(modelsDir, modelName);
  return requiredModelFiles(quantized).filter((file) => !existsSync(path.join(folder, file)));
}

/** Reads the embedding size and input limit from a local model's config files. */
export function readLocalModelInfo(modelsDir: string, modelName: string): LocalModelInfo {
  const folder = modelFolder(modelsDir, modelName);
  const config = JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8')) as { hidden_size?: number; max_position_embeddings?: number };
  const tokenizerConfig = JSON.parse(readFileSync(path.join(folder, 'tokenizer_config.json'), 'utf8')) as { model_max_length?: number };
  if (!config.hidden_size) throw new Error(`${modelName}: config.json has no hidden_size`);
  const limits = [tokenizerConfig.model_max_length, config.max_position_embeddings].filter((value): value is number => typeof value === 'number' && value > 0 && value < 1e6);
  return { dimension: config.hidden_size, maxInputTokens: Math.min(...limits, 512) };
}
