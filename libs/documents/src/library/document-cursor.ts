import { DocentError } from '@docent/common';
import { isDocumentId } from '../document-id';

export interface DocumentPosition {
  createdAt: Date;
  id: string;
}

/** Cursors are opaque to clients: a document's position in the newest-first order. */
export function encodeDocumentCursor({ createdAt, id }: DocumentPosition): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

export function decodeDocumentCursor(cursor: string): DocumentPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(createdAt));
    if (typeof id === 'string' && isDocumentId(id) && !Number.isNaN(date.getTime())) return { createdAt: date, id };
  } catch {
    // Falls through to the error below: any malformed cursor gets the same answer.
  }
  throw new DocentError('BAD_USER_INPUT', 'Invalid cursor: pass the endCursor of a previous page', { field: 'after' });
}
