const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Document ids are UUIDs; anything else cannot name a document and must not reach a uuid cast in SQL. */
export function isDocumentId(id: string): boolean {
  return UUID.test(id);
}
