import type { ClaimedDocument, JsonObject } from '../types';

/** The columns both queues' claims return for a claimed document. */
export interface ClaimedRow {
  id: string;
  owner_id: string;
  title: string;
  mime_type: string;
  content: string;
  metadata: JsonObject;
  attempts: number;
}

export function toClaimedDocument(row: ClaimedRow): ClaimedDocument {
  return {
    id: row.id,
    ownerId: row.owner_id,
    title: row.title,
    mimeType: row.mime_type,
    content: row.content,
    metadata: row.metadata,
    attempts: row.attempts,
  };
}
