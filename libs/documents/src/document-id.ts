import { isUuid } from '@docent/persistence';

/** Document ids are UUIDs; anything else cannot name a document and must not reach a uuid cast in SQL. */
export function isDocumentId(id: string): boolean {
  return isUuid(id);
}
