import type { Chunker, TextChunk, TokenCounter } from '@docent/documents';

/**
 * One chunk per block of text (blank lines between blocks): for documents whose blocks are
 * already the units people look for, such as the rows `csvParser` makes. Blocks over the
 * model's budget are kept whole; the provider truncates them.
 */
export class BlockChunker implements Chunker {
  constructor(private readonly countTokens: TokenCounter) {}

  async chunk(text: string): Promise<TextChunk[]> {
    const blocks = [...text.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g)].filter((match) => match[0].trim() !== '');
    const counts = await this.countTokens(blocks.map((match) => match[0]));
    return blocks.map((match, ordinal) => ({
      ordinal,
      text: match[0],
      charStart: match.index,
      charEnd: match.index + match[0].length,
      tokenCount: counts[ordinal] ?? 0,
    }));
  }
}
