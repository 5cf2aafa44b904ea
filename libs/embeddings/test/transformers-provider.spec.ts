import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTransformersProvider } from '../src';
import { ensureFixtureModel } from '../src/testing';

// Mixed lengths in one batch (padding), a text past the model's 128-token limit (truncation),
// accents and symbols the vocabulary splits into pieces.
const TEXTS = [
  'Short.',
  'Docent turns documents into searchable embeddings.',
  'émigré naïve café — unicode survives tokenization',
  'PostgreSQL with pgvector stores the vectors; HNSW finds the nearest ones quickly. '.repeat(20),
];

describe('the transformers provider against transformers.js’s feature-extraction pipeline', () => {
  it.each([
    ['the tiny fixture', 'tiny' as const, 128],
    ['the MiniLM-shaped fixture', 'minilm' as const, 256],
  ])('gives %s’s pipeline vectors bit for bit, in one padded batch and one text at a time', async (_label, kind, maxInputTokens) => {
    const model = ensureFixtureModel(kind);
    // A budget the whole batch fits in: one padded run, as the pipeline makes.
    const maxBatchTokens = TEXTS.length * maxInputTokens;
    const provider = createTransformersProvider({ modelName: model.modelName, modelsDir: model.modelsDir, dimension: model.dimension, maxInputTokens, quantized: true, threads: 1, allowRemoteModels: false, maxBatchTokens });
    const reference = (texts: string[]) =>
      (JSON.parse(
        execFileSync(process.execPath, [path.join(__dirname, 'pipeline-reference.mjs'), model.modelsDir, model.modelName, 'true'], { input: JSON.stringify(texts), encoding: 'utf8' }),
      ) as number[][]).map((vector) => Float32Array.from(vector));

    const batched = await provider.embedBatch(TEXTS);
    const alone = await Promise.all(TEXTS.map(async (text) => (await provider.embedBatch([text]))[0]));

    expect(batched).toEqual(reference(TEXTS));
    expect(alone).toEqual(TEXTS.map((text) => reference([text])[0]));
  });

  it('runs a batch past its token budget in parts, each vector back in its place', async () => {
    const model = ensureFixtureModel('tiny');
    // 16 padded tokens: no two of these texts fit together, so each runs alone.
    const provider = createTransformersProvider({ modelName: model.modelName, modelsDir: model.modelsDir, dimension: model.dimension, maxInputTokens: 128, quantized: true, threads: 1, allowRemoteModels: false, maxBatchTokens: 16 });
    const whole = createTransformersProvider({ modelName: model.modelName, modelsDir: model.modelsDir, dimension: model.dimension, maxInputTokens: 128, quantized: true, threads: 1, allowRemoteModels: false, maxBatchTokens: TEXTS.length * 128 });

    const split = await provider.embedBatch(TEXTS);

    // A text alone is padded to its own length whatever the budget: the same run, the same bits.
    expect(split).toEqual(await Promise.all(TEXTS.map(async (text) => (await whole.embedBatch([text]))[0])));
    expect(split).not.toEqual(await whole.embedBatch(TEXTS));
  });
});
