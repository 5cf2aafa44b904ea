import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { type DocumentParser, UnreadableDocumentError } from './document-parser';
import { htmlSections, joinSections } from './html-sections';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** PDF (base64): the text of each page, pages separated by blank lines, each page a section. */
export const pdfParser: DocumentParser = {
  mimeTypes: [PDF],
  binary: true,
  async toPlainText(content) {
    let pages: string[];
    try {
      // verbosity 0: pdfjs would print warnings about damaged files to the console, past the logger.
      const proxy = await getDocumentProxy(new Uint8Array(Buffer.from(content, 'base64')), { verbosity: 0 });
      pages = (await extractText(proxy, { mergePages: false })).text;
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'PasswordException') throw new UnreadableDocumentError('The PDF is encrypted (password-protected); send it decrypted');
      if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') throw new UnreadableDocumentError(`The PDF is corrupt: ${(error as Error).message}`);
      throw error;
    }
    if (pages.every((page) => page.trim() === '')) throw new UnreadableDocumentError(`The PDF has no text layer on any of its ${pages.length} pages (scanned or image-only?); run OCR first`);
    return joinSections(pages.map((text, index) => ({ text, page: index + 1 })));
  },
};

/** DOCX (base64): its text block by block, each part under the heading before it. */
export const docxParser: DocumentParser = {
  mimeTypes: [DOCX],
  binary: true,
  async toPlainText(content) {
    let html: string;
    try {
      html = (await mammoth.convertToHtml({ buffer: Buffer.from(content, 'base64') })).value;
    } catch (error) {
      throw new UnreadableDocumentError(`The DOCX file is corrupt: ${(error as Error).message.split('\n')[0]}`);
    }
    const parsed = htmlSections(html);
    if (parsed.text === '') throw new UnreadableDocumentError('The DOCX file has no text');
    return parsed;
  },
};
