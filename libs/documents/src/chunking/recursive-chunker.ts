import type { Chunker, TextChunk, TokenCounter } from './chunker';

interface Span {
  start: number;
  end: number;
}

/** Coarsest first: paragraphs (and headings), lines, sentences, words. */
const SEPARATORS = [/\n\s*\n/g, /\n/g, /(?<=[.!?;:])\s+/g, /\s+/g];
/** [CLS] and [SEP]: counted once per chunk, not once per piece. */
const SPECIAL_TOKENS = 2;

export interface RecursiveChunkerOptions {
  chunkTokens: number;
  overlapTokens: number;
}

/**
 * Splits on the coarsest boundary that makes every piece fit the token budget (paragraphs,
 * then lines, sentences, words), then packs neighbouring pieces into chunks of up to
 * `chunkTokens`, each starting with up to `overlapTokens` of the previous chunk's tail.
 * Token counts come from the embedding model's own tokenizer.
 */
export class RecursiveChunker implements Chunker {
  constructor(
    private readonly countTokens: TokenCounter,
    private readonly options: RecursiveChunkerOptions,
  ) {
    if (options.overlapTokens >= options.chunkTokens) throw new RangeError('Chunk overlap must be smaller than the chunk size');
  }

  async chunk(text: string): Promise<TextChunk[]> {
    const pieces = await this.pieces(text);
    if (pieces.length === 0) return [];
    const groups = this.pack(pieces);
    const spans = groups.map((group) => ({ start: (group[0] as Piece).start, end: (group[group.length - 1] as Piece).end }));
    const texts = spans.map((span) => text.slice(span.start, span.end));
    const counts = await this.countTokens(texts);
    return spans.map((span, ordinal) => ({ ordinal, text: texts[ordinal] as string, charStart: span.start, charEnd: span.end, tokenCount: counts[ordinal] as number }));
  }

  /** Pieces that each fit the budget, in order, with their token counts (special tokens excluded). */
  private async pieces(text: string): Promise<Piece[]> {
    const budget = this.options.chunkTokens - SPECIAL_TOKENS;
    let pending: { span: Span; level: number }[] = trimSpan(text, { start: 0, end: text.length }).map((span) => ({ span, level: 0 }));
    const done: Piece[] = [];
    while (pending.length > 0) {
      const counts = await this.countTokens(pending.map(({ span }) => text.slice(span.start, span.end)));
      const next: { span: Span; level: number }[] = [];
      pending.forEach(({ span, level }, i) => {
        const tokens = (counts[i] as number) - SPECIAL_TOKENS;
        if (tokens <= budget) done.push({ ...span, tokens });
        else if (level < SEPARATORS.length) next.push(...splitSpan(text, span, SEPARATORS[level] as RegExp).map((part) => ({ span: part, level: level + 1 })));
        // No boundary left (a very long "word"): cut it in two.
        else next.push(...halveSpan(span).map((part) => ({ span: part, level })));
      });
      pending = next;
    }
    return done.sort((a, b) => a.start - b.start);
  }

  private pack(pieces: readonly Piece[]): Piece[][] {
    const budget = this.options.chunkTokens - SPECIAL_TOKENS;
    const groups: Piece[][] = [];
    let current: Piece[] = [];
    let tokens = 0;
    for (const piece of pieces) {
      if (current.length > 0 && tokens + piece.tokens > budget) {
        groups.push(current);
        const overlap = this.overlapOf(current, budget - piece.tokens);
        current = overlap;
        tokens = overlap.reduce((sum, entry) => sum + entry.tokens, 0);
      }
      current.push(piece);
      tokens += piece.tokens;
    }
    if (current.length > 0) groups.push(current);
    return groups;
  }

  /** The previous chunk's last pieces, up to the overlap budget (and never crowding out the next piece). */
  private overlapOf(previous: readonly Piece[], room: number): Piece[] {
    const limit = Math.min(this.options.overlapTokens, room);
    const overlap: Piece[] = [];
    let tokens = 0;
    for (let i = previous.length - 1; i > 0; i--) {
      const piece = previous[i] as Piece;
      if (tokens + piece.tokens > limit) break;
      overlap.unshift(piece);
      tokens += piece.tokens;
    }
    return overlap;
  }
}

interface Piece extends Span {
  tokens: number;
}

function splitSpan(text: string, span: Span, separator: RegExp): Span[] {
  const parts: Span[] = [];
  const slice = text.slice(span.start, span.end);
  let cursor = 0;
  for (const match of slice.matchAll(separator)) {
    parts.push(...trimSpan(text, { start: span.start + cursor, end: span.start + (match.index as number) }));
    cursor = (match.index as number) + match[0].length;
  }
  parts.push(...trimSpan(text, { start: span.start + cursor, end: span.end }));
  // Nothing to cut on at this level: the span goes on whole to the next, finer separator.
  return parts.length > 0 ? parts : [span];
}

function halveSpan(span: Span): Span[] {
  const middle = span.start + Math.floor((span.end - span.start) / 2);
  return middle > span.start ? [{ start: span.start, end: middle }, { start: middle, end: span.end }] : [span];
}

function trimSpan(text: string, span: Span): Span[] {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return end > start ? [{ start, end }] : [];
}
