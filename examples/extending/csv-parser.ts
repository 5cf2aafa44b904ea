import type { DocumentParser } from '@docent/documents';

/**
 * Accepts `text/csv`: each row becomes a block of `column: value` lines, so a search for a value
 * finds its row with the column names around it. (Quoted fields are kept simple here: a real
 * one would use a CSV library.)
 */
export const csvParser: DocumentParser = {
  mimeTypes: ['text/csv'],
  toPlainText(content) {
    const [header, ...rows] = content.trim().split(/\r?\n/).map((line) => line.split(','));
    if (!header || rows.length === 0) throw new Error('A CSV document needs a header row and at least one data row');
    return rows.map((row) => header.map((column, i) => `${column.trim()}: ${(row[i] ?? '').trim()}`).join('\n')).join('\n\n');
  },
};
