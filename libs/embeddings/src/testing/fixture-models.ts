import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type BertShape, buildBertOnnx } from './bert-graph';
import { bertBaseUncasedVocabulary, bertTokenizerFiles } from './bert-tokenizer-files';

/** Untrained models for tests and benchmarks. Their names say so: they must never serve users. */
export const FIXTURE_MODELS = {
  /** Two tiny layers: fast enough for unit tests. */
  tiny: {
    id: 'docent-fixtures/untrained-bert-tiny-TEST-ONLY',
    shape: { hiddenSize: 32, layers: 2, heads: 2, intermediateSize: 64, vocabSize: 30_522, maxPositions: 512 },
    maxLength: 128,
  },
  /** Another tiny model, wider: tests switch from `tiny` to it (another model, another dimension). */
  tinyWide: {
    id: 'docent-fixtures/untrained-bert-tiny-wide-TEST-ONLY',
    shape: { hiddenSize: 48, layers: 2, heads: 2, intermediateSize: 96, vocabSize: 30_522, maxPositions: 512 },
    maxLength: 128,
  },
  /** all-MiniLM-L6-v2's exact shape, so throughput and memory match the real model's. */
  minilm: {
    id: 'docent-fixtures/untrained-minilm-l6-shape-BENCHMARK-ONLY',
    shape: { hiddenSize: 384, layers: 6, heads: 12, intermediateSize: 1536, vocabSize: 30_522, maxPositions: 512 },
    maxLength: 256,
  },
} as const satisfies Record<string, { id: string; shape: BertShape; maxLength: number }>;

export type FixtureModelName = keyof typeof FIXTURE_MODELS;

/** Where fixture models are cached unless DOCENT_FIXTURE_MODELS_DIR says otherwise. */
export function defaultFixtureModelsDir(): string {
  return process.env['DOCENT_FIXTURE_MODELS_DIR'] ?? path.resolve(findWorkspaceRoot(__dirname), '.cache', 'fixture-models');
}

/**
 * Writes the model in the folder layout transformers.js reads
 * (`<root>/<org>/<name>/{config.json, tokenizer*.json, onnx/model{,_quantized}.onnx}`), unless it
 * is already there. Deterministic: the same name always gives the same bytes.
 */
export function ensureFixtureModel(name: FixtureModelName, modelsDir = defaultFixtureModelsDir()): { modelName: string; modelsDir: string; dimension: number } {
  const spec = FIXTURE_MODELS[name];
  const dir = path.join(modelsDir, spec.id);
  const result = { modelName: spec.id, modelsDir, dimension: spec.shape.hiddenSize };
  if (existsSync(path.join(dir, 'onnx', 'model_quantized.onnx'))) return result;

  // Written to a scratch folder and renamed, so a concurrent or interrupted run never leaves half a model.
  const scratch = `${dir}.partial-${process.pid}`;
  mkdirSync(path.join(scratch, 'onnx'), { recursive: true });
  const { shape } = spec;
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: shape.hiddenSize,
    num_hidden_layers: shape.layers,
    num_attention_heads: shape.heads,
    intermediate_size: shape.intermediateSize,
    vocab_size: shape.vocabSize,
    max_position_embeddings: shape.maxPositions,
    type_vocab_size: 2,
    hidden_act: 'gelu',
    layer_norm_eps: 1e-12,
    _docent_note: 'Untrained fixture with random weights: for tests and benchmarks only, never for real embeddings.',
  };
  writeFileSync(path.join(scratch, 'config.json'), JSON.stringify(config, null, 2));
  for (const [file, content] of Object.entries(bertTokenizerFiles(bertBaseUncasedVocabulary(), spec.maxLength))) {
    writeFileSync(path.join(scratch, file), JSON.stringify(content));
  }
  const seed = 20_261_124;
  writeFileSync(path.join(scratch, 'onnx', 'model.onnx'), buildBertOnnx(shape, { seed, quantized: false }));
  writeFileSync(path.join(scratch, 'onnx', 'model_quantized.onnx'), buildBertOnnx(shape, { seed, quantized: true }));
  mkdirSync(path.dirname(dir), { recursive: true });
  try {
    renameSync(scratch, dir);
  } catch (error) {
    // Another process finished first; its copy is identical.
    if (!existsSync(path.join(dir, 'onnx', 'model_quantized.onnx'))) throw error;
  }
  return result;
}

function findWorkspaceRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
