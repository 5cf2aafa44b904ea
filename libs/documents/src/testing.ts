// Test support: PDF and Word files made on the spot (no binary fixtures in the repository), for
// suites here and in the gateway. Not part of the lib's runtime API.
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import PDFKit from 'pdfkit';

/** A PDF with one page per text, the text drawn on it (a real text layer). */
export async function pdfWithPages(pages: readonly string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = pdf.addPage();
    text.split('\n').forEach((line, i) => page.drawText(line, { x: 50, y: 740 - i * 16, font, size: 12 }));
  }
  return Buffer.from(await pdf.save());
}

/** A PDF whose pages hold only drawings: what a scan without OCR looks like to a text extractor. */
export async function imageOnlyPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawRectangle({ x: 50, y: 50, width: 200, height: 300 });
  return Buffer.from(await pdf.save());
}

/** A PDF that needs a password to open. */
export function encryptedPdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFKit({ userPassword: 'secret', ownerPassword: 'owner-secret' });
    const parts: Buffer[] = [];
    pdf.on('data', (part: Buffer) => parts.push(part));
    pdf.on('end', () => resolve(Buffer.concat(parts)));
    pdf.on('error', reject);
    pdf.text(text);
    pdf.end();
  });
}

/** A Word document: each heading (level 1) followed by its paragraphs. */
export function docxWithSections(sections: readonly { heading: string; paragraphs: readonly string[] }[]): Promise<Buffer> {
  const children = sections.flatMap(({ heading, paragraphs }) => [new Paragraph({ text: heading, heading: HeadingLevel.HEADING_1 }), ...paragraphs.map((text) => new Paragraph(text))]);
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
