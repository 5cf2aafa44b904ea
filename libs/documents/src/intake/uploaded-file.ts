import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { DocentError } from '@docent/common';
import type { DocumentParsers } from '../parsing/document-parser';
import type { DocumentInput } from './document-input';

/** A file as it arrives in a request: its name and declared type, and its bytes as they stream in. */
export interface IncomingFile {
  filename: string;
  /** The type the client declared for the part; often empty or application/octet-stream. */
  mimeType: string;
  stream: AsyncIterable<Uint8Array>;
}

/** Everything of a `DocumentInput` but its content, which the file is; title and type may come from it. */
export type FileFields = Omit<DocumentInput, 'content' | 'title' | 'mimeType'> & { title?: string; mimeType?: string };

/** What the file's extension says when the client declared nothing usable. */
const TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Reads a file of at most `maxBytes` and makes it the `DocumentInput` a caller would have sent:
 * binary formats base64-encoded, text as UTF-8 (anything else is refused rather than mangled).
 */
export async function documentFromFile(file: IncomingFile, fields: FileFields, parsers: Pick<DocumentParsers, 'mimeTypes' | 'isBinary'>, maxBytes: number): Promise<DocumentInput> {
  const bytes = await readAtMost(file.stream, maxBytes);
  const mimeType = fields.mimeType ?? typeOf(file, parsers.mimeTypes);
  const binary = parsers.isBinary(mimeType);
  if (!binary && !isUtf8(bytes)) throw new DocentError('BAD_USER_INPUT', `The file ${JSON.stringify(file.filename)} is not UTF-8 text (as ${mimeType})`, { field: 'file' });
  return { ...fields, title: fields.title ?? titleOf(file.filename), mimeType, content: binary ? bytes.toString('base64') : bytes.toString('utf8') };
}

/** The file's name without folders or control characters (a client chooses it freely). */
function titleOf(filename: string): string {
  // eslint-disable-next-line no-control-regex
  return path.basename(filename).replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'Untitled';
}

function typeOf(file: IncomingFile, accepted: readonly string[]): string {
  const declared = file.mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (accepted.includes(declared)) return declared;
  return TYPES_BY_EXTENSION[path.extname(file.filename).toLowerCase()] ?? (declared || 'application/octet-stream');
}

/** The whole stream, refused as soon as it passes `maxBytes`; a stream that breaks off is the client's failure too. */
async function readAtMost(stream: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const part of stream) {
      size += part.length;
      if (size > maxBytes) throw new DocentError('BAD_USER_INPUT', `The file is more than ${maxBytes} bytes, the limit (MAX_DOCUMENT_BYTES)`, { field: 'file', limit: maxBytes });
      parts.push(part);
    }
  } catch (error) {
    if (error instanceof DocentError) throw error;
    throw new DocentError('BAD_USER_INPUT', `The file did not arrive whole: ${(error as Error).message}`, { field: 'file' });
  }
  return Buffer.concat(parts);
}
