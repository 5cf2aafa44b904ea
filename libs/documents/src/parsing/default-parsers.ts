import { BUILT_IN_PARSERS } from './built-in-parsers';
import { DocumentParsers } from './document-parser';
import { docxParser, pdfParser } from './office-parsers';

/** Plain text, Markdown, HTML, PDF and DOCX. */
export const DEFAULT_PARSERS = new DocumentParsers([...BUILT_IN_PARSERS, pdfParser, docxParser]);
