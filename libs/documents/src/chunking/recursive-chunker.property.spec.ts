import fc from 'fast-check';
import { RecursiveChunker } from './recursive-chunker';

/** A tokenizer that charges one token per two UTF-16 units, plus two special tokens: long words must be cut between characters. */
const countUnits = async (texts: readonly string[]) => texts.map((text) => Math.ceil(text.length / 2) + 2);
const chunker = new RecursiveChunker(countUnits, { chunkTokens: 16, overlapTokens: 3 });

/** Whether every non-whitespace character of `text` lies inside some chunk. */
function covered(text: string, chunks: { charStart: number; charEnd: number }[]): boolean {
  const inside = new Uint8Array(text.length);
  for (const chunk of chunks) inside.fill(1, chunk.charStart, chunk.charEnd);
  return [...text].every((_, i) => inside[i] === 1 || /\s/.test(text[i] as string));
}

describe('RecursiveChunker on arbitrary Unicode (fast-check, fixed seed)', () => {
  it('cuts "ab😀" × 20,000 (no spaces) without halving a surrogate pair', async () => {
    const text = 'ab😀'.repeat(20_000);

    const chunks = await chunker.chunk(text);

    expect(chunks.length).toBeGreaterThan(1_000);
    expect(chunks.filter((chunk) => !chunk.text.isWellFormed() || chunk.text !== text.slice(chunk.charStart, chunk.charEnd))).toEqual([]);
  });

  it('keeps every chunk equal to its slice of the text, well-formed, and covers every character', async () => {
    const texts = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.array(fc.oneof(fc.string({ unit: 'grapheme-composite', maxLength: 40 }), fc.constantFrom(' ', '\n', '\n\n', '. ', '👩‍👩‍👧‍👦', 'é')), { maxLength: 60 }).map((parts) => parts.join('')),
    );
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const chunks = await chunker.chunk(text);
        for (const chunk of chunks) {
          if (chunk.text !== text.slice(chunk.charStart, chunk.charEnd)) return false;
          if (!chunk.text.isWellFormed()) return false;
        }
        return covered(text, chunks);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });
});
