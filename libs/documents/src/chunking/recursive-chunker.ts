import type { Chunker, TextChunk, TokenCounter } from './chunker';

interface Span {
  start: number;
  end: number;
}

/** Coarsest first: paragraphs (and headings), lines, sentences, words. */
const SEPARATORS = [/\n\s*\n/g, /\n/g, /(?<=[.!?;:])\s+/g, /\s+/g];

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
  /**
   * Tokens the tokenizer adds to every text (BERT's [CLS] and [SEP]: 2; SentencePiece: none),
   * counted once per chunk rather than once per piece. Learned from the count of an empty text.
   */
  private specialTokens: Promise<number> | undefined;

  constructor(
    private readonly countTokens: TokenCounter,
    private readonly options: RecursiveChunkerOptions,
  ) {
    if (options.overlapTokens >= options.chunkTokens) throw new RangeError('Chunk overlap must be smaller than the chunk size');
  }

  async chunk(text: string): Promise<TextChunk[]> {
    const special = await this.specialTokenCount();
    const pieces = await this.pieces(text, special);
    if (pieces.length === 0) return [];
    const groups = this.pack(pieces, special);
    const spans = groups.map((group) => ({ start: (group[0] as Piece).start, end: (group[group.length - 1] as Piece).end }));
    const texts = spans.map((span) => text.slice(span.start, span.end));
    const counts = await this.countTokens(texts);
    return spans.map((span, ordinal) => ({ ordinal, text: texts[ordinal] as string, charStart: span.start, charEnd: span.end, tokenCount: counts[ordinal] as number }));
  }

  private specialTokenCount(): Promise<number> {
    this.specialTokens ??= this.countTokens(['']).then(
      ([count]) => count ?? 0,
      (error: unknown) => {
        this.specialTokens = undefined; // asked again next time, not cached as a failure
        throw error;
      },
    );
    return this.specialTokens;
  }

  /**
   * Pieces that each fit the budget, in order, with their token counts (special tokens excluded).
   * The text is cut into paragraphs before anything is counted: packing joins pieces that fit
   * together again, so counting the whole text first would only tokenize it once more.
   */
  private async pieces(text: string, special: number): Promise<Piece[]> {
    const budget = this.options.chunkTokens - special;
    let pending: { span: Span; level: number }[] = trimSpan(text, { start: 0, end: text.length })
      .flatMap((span) => splitSpan(text, span, SEPARATORS[0] as RegExp))
      .map((span) => ({ span, level: 1 }));
    const done: Piece[] = [];
    while (pending.length > 0) {
      const counts = await this.countTokens(pending.map(({ span }) => text.slice(span.start, span.end)));
      const next: { span: Span; level: number }[] = [];
      pending.forEach(({ span, level }, i) => {
        const tokens = (counts[i] as number) - special;
        if (tokens <= budget) done.push({ ...span, tokens });
        else if (level < SEPARATORS.length) next.push(...splitSpan(text, span, SEPARATORS[level] as RegExp).map((part) => ({ span: part, level: level + 1 })));
        else {
          // No boundary left (a very long "word"): cut it in two between characters, or keep a
          // single character over budget whole (the provider truncates it).
          const halves = halveSpan(text, span);
          if (halves.length === 1) done.push({ ...span, tokens });
          else next.push(...halves.map((part) => ({ span: part, level })));
        }
      });
      pending = next;
    }
    return done.sort((a, b) => a.start - b.start);
  }

  private pack(pieces: readonly Piece[], special: number): Piece[][] {
    const budget = this.options.chunkTokens - special;
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

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Two halves cut at the character (grapheme) boundary nearest the middle, so a surrogate pair,
 * an emoji sequence or a letter with its accents is never split; one span if it is one character.
 */
function halveSpan(text: string, span: Span): Span[] {
  const slice = text.slice(span.start, span.end);
  const containing = graphemes.segment(slice).containing(Math.floor(slice.length / 2));
  const cut = containing && containing.index > 0 ? containing.index : (containing?.index ?? 0) + (containing?.segment.length ?? 0);
  return cut > 0 && cut < slice.length ? [{ start: span.start, end: span.start + cut }, { start: span.start + cut, end: span.end }] : [span];
}

function trimSpan(text: string, span: Span): Span[] {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return end > start ? [{ start, end }] : [];
}
