import { compile } from 'html-to-text';
import type { ParsedText, TextSection } from './document-parser';

export const htmlToText = compile({
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable' },
  ],
}); // compiled once: building its selector tree on every call cost about as much as converting a README

/**
 * HTML's text, each part under the heading (h1-h6) that opens it: the heading travels with
 * every chunk of the part. Split before each heading's tag, then each part converted alone.
 */
export function htmlSections(html: string): ParsedText {
  return joinSections(
    html.split(/(?=<h[1-6][\s>])/i).map((part) => {
      const heading = /^<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/i.exec(part)?.[1];
      const title = heading === undefined ? undefined : htmlToText(heading).replace(/\s+/g, ' ').trim();
      return { text: htmlToText(part), ...(title ? { heading: title } : {}) };
    }),
  );
}

/** Parts' texts joined by blank lines (empty ones left out), each a section starting where its text does. */
export function joinSections(parts: readonly (Omit<TextSection, 'start'> & { text: string })[]): ParsedText {
  let text = '';
  const sections: TextSection[] = [];
  for (const { text: partText, ...where } of parts) {
    const trimmed = partText.trim();
    if (trimmed === '') continue;
    if (text !== '') text += '\n\n';
    sections.push({ start: text.length, ...where });
    text += trimmed;
  }
  return { text, sections };
}
