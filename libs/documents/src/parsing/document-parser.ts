/** Where a stretch of the plain text came from, from `start` until the next section. */
export interface TextSection {
  /** Offset into the plain text. */
  start: number;
  /** 1-based page (PDF). */
  page?: number;
  /** The heading it sits under (DOCX). */
  heading?: string;
}

/** A document read into plain text, with where each part of it came from. */
export interface ParsedText {
  text: string;
  /** In order of `start`; empty when the format has no pages or headings. */
  sections: TextSection[];
}

/** Reads one or more formats into plain text. Implement it to accept a new kind of document. */
export interface DocumentParser {
  /** The MIME types it reads, e.g. `['text/csv']`. */
  readonly mimeTypes: readonly string[];
  /** Whether callers send the content base64-encoded (PDF, DOCX): intake then checks the encoding and limits the decoded size. */
  readonly binary?: boolean;
  /**
   * The text a reader sees, with blank lines between blocks (the chunker splits there first),
   * optionally with its sections. Throw `UnreadableDocumentError` for content it can never read
   * (the document ends FAILED at once, with the error's message); any other error is retried.
   */
  toPlainText(content: string): string | ParsedText | Promise<string | ParsedText>;
}

/** Content a parser can never read as it is (corrupt, encrypted, no text): retrying would not help. */
export class UnreadableDocumentError extends Error {
  override readonly name = 'UnreadableDocumentError';
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

  /** Whether documents of this type arrive base64-encoded. */
  isBinary(mimeType: string): boolean {
    return this.byMimeType.get(mimeType)?.binary ?? false;
  }

  async parse(content: string, mimeType: string): Promise<ParsedText> {
    const parser = this.byMimeType.get(mimeType);
    if (!parser) throw new Error(`No parser for ${mimeType}`);
    const parsed = await parser.toPlainText(content);
    return typeof parsed === 'string' ? { text: parsed, sections: [] } : parsed;
  }

  async toPlainText(content: string, mimeType: string): Promise<string> {
    return (await this.parse(content, mimeType)).text;
  }
}

/** The section a chunk starting at `offset` belongs to: the last one starting at or before it. */
export function sectionAt(sections: readonly TextSection[], offset: number): TextSection | undefined {
  let found: TextSection | undefined;
  for (const section of sections) {
    if (section.start > offset) break;
    found = section;
  }
  return found;
}
