/** A piece of a document's plain text, small enough to embed. */
export interface TextChunk {
  ordinal: number;
  text: string;
  /** Offsets into the plain text: text === plainText.slice(charStart, charEnd). */
  charStart: number;
  charEnd: number;
  tokenCount: number;
}

/** Cuts plain text into chunks. Implement it to change how documents are split. */
export interface Chunker {
  chunk(text: string): Promise<TextChunk[]>;
}

/** Counts model tokens per text, special tokens included (as the embedding provider does). */
export type TokenCounter = (texts: readonly string[]) => Promise<number[]>;
