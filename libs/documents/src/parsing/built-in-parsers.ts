import MarkdownIt from 'markdown-it';
import type { DocumentParser } from './document-parser';
import { htmlSections } from './html-sections';

const markdown = new MarkdownIt({ html: true });

/**
 * Plain text, Markdown and HTML: Markdown and HTML rendered to the text a reader sees, blocks
 * separated by blank lines, each part under the heading before it.
 */
export const BUILT_IN_PARSERS: readonly DocumentParser[] = [
  { mimeTypes: ['text/plain'], toPlainText: (content) => content },
  { mimeTypes: ['text/markdown'], toPlainText: (content) => htmlSections(markdown.render(content)) },
  { mimeTypes: ['text/html'], toPlainText: (content) => htmlSections(content) },
];
