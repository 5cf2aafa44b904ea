import { compile } from 'html-to-text';
import MarkdownIt from 'markdown-it';
import type { DocumentParser } from './document-parser';

const markdown = new MarkdownIt({ html: true });
export const htmlToText = compile({
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable' },
  ],
}); // compiled once: building its selector tree on every call cost about as much as converting a README

/** Plain text, Markdown and HTML: Markdown and HTML rendered to the text a reader sees, blocks separated by blank lines. */
export const BUILT_IN_PARSERS: readonly DocumentParser[] = [
  { mimeTypes: ['text/plain'], toPlainText: (content) => content },
  { mimeTypes: ['text/markdown'], toPlainText: (content) => htmlToText(markdown.render(content)) },
  { mimeTypes: ['text/html'], toPlainText: (content) => htmlToText(content) },
];
