import { docxWithSections, encryptedPdf, imageOnlyPdf, pdfWithPages } from '../testing';
import { UnreadableDocumentError, sectionAt } from './document-parser';
import { docxParser, pdfParser } from './office-parsers';

const parse = async (parser: typeof pdfParser, file: Buffer) => {
  const parsed = await parser.toPlainText(file.toString('base64'));
  if (typeof parsed === 'string') throw new Error('expected sections');
  return parsed;
};

describe('PDF and DOCX parsers', () => {
  it('reads a PDF page by page, each page a section that maps any offset back to its page', async () => {
    const { text, sections } = await parse(pdfParser, await pdfWithPages(['The lighthouse keeper lit the lamp.', 'Tides rise twice a day.', 'Fog horns sound in winter.']));

    expect(text).toBe('The lighthouse keeper lit the lamp.\n\nTides rise twice a day.\n\nFog horns sound in winter.');
    expect(sections.map((section) => section.page)).toEqual([1, 2, 3]);
    expect(sectionAt(sections, text.indexOf('Tides'))?.page).toBe(2);
    expect(sectionAt(sections, text.indexOf('winter'))?.page).toBe(3);
  });

  it('reads a Word document into its text, each part under its heading', async () => {
    const file = await docxWithSections([
      { heading: 'Tides', paragraphs: ['The moon pulls the sea.', 'Spring tides are the largest.'] },
      { heading: 'Lamps', paragraphs: ['Oil lamps burned all night.'] },
    ]);
    const { text, sections } = await parse(docxParser, file);

    expect(text).toContain('The moon pulls the sea.');
    expect(sectionAt(sections, text.indexOf('Spring'))?.heading).toBe('Tides');
    expect(sectionAt(sections, text.indexOf('Oil lamps'))?.heading).toBe('Lamps');
  });

  it.each([
    ['an encrypted PDF', pdfParser, () => encryptedPdf('secret plans'), /encrypted/],
    ['a PDF with no text layer', pdfParser, imageOnlyPdf, /no text layer on any of its 1 pages/],
    ['bytes that are not a PDF', pdfParser, async () => Buffer.from('%PDF-1.7 this is not really a PDF'), /corrupt/],
    ['bytes that are not a DOCX', docxParser, async () => Buffer.from('PK not a zip'), /corrupt/],
  ])('refuses %s for good, saying why', async (_, parser, file, message) => {
    const reading = parser.toPlainText((await file()).toString('base64'));

    await expect(reading).rejects.toThrow(UnreadableDocumentError);
    await expect(reading).rejects.toThrow(message);
  });
});
