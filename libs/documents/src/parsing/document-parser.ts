/** Reads one or more formats into plain text. Implement it to accept a new kind of document. */
export interface DocumentParser {
  /** The MIME types it reads, e.g. `['text/csv']`. */
  readonly mimeTypes: readonly string[];
  /**
   * The text a reader sees, with blank lines between blocks (the chunker splits there first).
   * Throw for content it cannot read: the document ends FAILED with the error's message.
   */
  toPlainText(content: string): string | Promise<string>;
}

/** The formats a Docent process accepts: intake refuses any other MIME type, and workers parse with these. */
export class DocumentParsers {
  private readonly byMimeType = new Map<string, DocumentParser>();

  constructor(parsers: readonly DocumentParser[]) {
    // A later parser of the same type wins, so a team can replace a built-in one.
    for (const parser of parsers) for (const mimeType of parser.mimeTypes) this.byMimeType.set(mimeType, parser);
    if (this.byMimeType.size === 0) throw new RangeError('DocumentParsers needs at least one parser');
  }

  get mimeTypes(): string[] {
    return [...this.byMimeType.keys()];
  }

  supports(mimeType: string): boolean {
    return this.byMimeType.has(mimeType);
  }

  async toPlainText(content: string, mimeType: string): Promise<string> {
    const parser = this.byMimeType.get(mimeType);
    if (!parser) throw new Error(`No parser for ${mimeType}`);
    return parser.toPlainText(content);
  }
}
