import { RecursiveChunker } from './recursive-chunker';

/** One token per word, plus [CLS] and [SEP], like a real tokenizer's count of a simple text. */
const countWords = async (texts: readonly string[]) => texts.map((text) => text.split(/\s+/).filter(Boolean).length + 2);

describe('RecursiveChunker', () => {
  it('keeps a short text whole', async () => {
    const chunks = await new RecursiveChunker(countWords, { chunkTokens: 50, overlapTokens: 5 }).chunk('  One short paragraph.  ');

    expect(chunks).toEqual([{ ordinal: 0, text: 'One short paragraph.', charStart: 2, charEnd: 22, tokenCount: 5 }]);
  });

  it('cuts on paragraph boundaries, then sentences, packing pieces up to the token budget, with exact offsets', async () => {
    const text = [
      'First paragraph has exactly six words.',
      'Second paragraph also has six words.',
      'Third one. It has two sentences here. And a third sentence too.',
    ].join('\n\n');
    const chunks = await new RecursiveChunker(countWords, { chunkTokens: 10, overlapTokens: 0 }).chunk(text);

    expect(chunks.map((chunk) => chunk.text)).toEqual([
      'First paragraph has exactly six words.',
      // 6 + 2 words fit the 8-token budget left after [CLS] and [SEP].
      'Second paragraph also has six words.\n\nThird one.',
      'It has two sentences here.',
      'And a third sentence too.',
    ]);
    for (const chunk of chunks) {
      expect(text.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
      expect(chunk.tokenCount).toBeLessThanOrEqual(10);
    }
  });

  it('starts each chunk with the tail of the previous one', async () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `Sentence ${i} is here.`);
    const chunks = await new RecursiveChunker(countWords, { chunkTokens: 14, overlapTokens: 4 }).chunk(sentences.join(' '));

    expect(chunks.length).toBeGreaterThan(2);
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i]!.charStart).toBeLessThan(chunks[i - 1]!.charEnd);
      expect(chunks[i - 1]!.text.endsWith(chunks[i]!.text.slice(0, chunks[i - 1]!.charEnd - chunks[i]!.charStart))).toBe(true);
    }
    expect(chunks.every((chunk) => chunk.tokenCount <= 14)).toBe(true);
    expect(chunks.map((chunk) => chunk.ordinal)).toEqual(chunks.map((_, i) => i));
  });

  it('splits a run with no boundaries at all rather than exceeding the budget', async () => {
    const countChars = async (texts: readonly string[]) => texts.map((text) => text.length + 2);
    const chunks = await new RecursiveChunker(countChars, { chunkTokens: 12, overlapTokens: 0 }).chunk('x'.repeat(50));

    expect(chunks.map((chunk) => chunk.text).join('')).toBe('x'.repeat(50));
    expect(chunks.every((chunk) => chunk.tokenCount <= 12)).toBe(true);
  });

  it('keeps to the budget with a tokenizer that adds no special tokens (SentencePiece)', async () => {
    const countWordsOnly = async (texts: readonly string[]) => texts.map((text) => text.split(/\s+/).filter(Boolean).length);
    const text = Array.from({ length: 6 }, (_, i) => `Paragraph ${i} four words.`).join('\n\n');
    const chunks = await new RecursiveChunker(countWordsOnly, { chunkTokens: 10, overlapTokens: 0 }).chunk(text);

    // Two paragraphs of 4 tokens per chunk; a third would make 12.
    expect(chunks.map((chunk) => chunk.tokenCount)).toEqual([8, 8, 8]);
  });

  it('tokenizes each part of the text once to cut it and once more per chunk, not the whole text first', async () => {
    const text = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} has exactly six words.`).join('\n\n');
    let counted = 0;
    const countingWords = async (texts: readonly string[]) => {
      counted += texts.reduce((sum, part) => sum + part.length, 0);
      return countWords(texts);
    };

    const chunks = await new RecursiveChunker(countingWords, { chunkTokens: 20, overlapTokens: 0 }).chunk(text);

    expect(chunks).toHaveLength(4);
    expect(counted).toBeLessThan(2.1 * text.length);
  });

  it('returns no chunks for blank text', async () => {
    expect(await new RecursiveChunker(countWords, { chunkTokens: 10, overlapTokens: 2 }).chunk(' \n\n ')).toEqual([]);
  });
});
