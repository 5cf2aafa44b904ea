import { BUILT_IN_PARSERS } from './built-in-parsers';
import { DocumentParsers } from './document-parser';

/** Plain text, Markdown and HTML. */
export const DEFAULT_PARSERS = new DocumentParsers(BUILT_IN_PARSERS);
