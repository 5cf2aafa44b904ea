import { compile } from 'html-to-text';
import MarkdownIt from 'markdown-it';

export const SUPPORTED_MIME_TYPES = ['text/plain', 'text/markdown', 'text/html'] as const;
export type SupportedMimeType = (typeof SUPPORTED_MIME_TYPES)[number];

const markdown = new MarkdownIt({ html: true });
const htmlToText = compile({
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable' },
  ],
}); // compiled once: building its selector tree on every call cost about as much as converting a README

/** The text a reader sees: Markdown and HTML rendered to plain text, blocks separated by blank lines. */
export function toPlainText(content: string, mimeType: SupportedMimeType): string {
  switch (mimeType) {
    case 'text/plain':
      return content;
    case 'text/markdown':
      return htmlToText(markdown.render(content));
    case 'text/html':
      return htmlToText(content);
  }
}
