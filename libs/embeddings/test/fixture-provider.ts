import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTransformersProvider } from '../src';
import { ensureFixtureModel } from '../src/testing';

/**
 * The real transformers.js provider, loading the generated tiny (untrained) BERT fixture.
 * Providers of one model share their worker threads for the life of the process; `fresh`
 * puts the model in a folder of its own, so the provider starts with no workers at all.
 */
export function tinyFixtureProvider(threads = 1, { fresh = false } = {}) {
  const model = ensureFixtureModel('tiny', fresh ? mkdtempSync(path.join(tmpdir(), 'docent-fixture-')) : undefined);
  return createTransformersProvider({
    modelName: model.modelName,
    modelsDir: model.modelsDir,
    dimension: model.dimension,
    maxInputTokens: 128,
    quantized: true,
    threads,
    allowRemoteModels: false,
  });
}

export function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}
