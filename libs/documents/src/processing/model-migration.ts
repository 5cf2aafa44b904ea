import type { Database } from '@docent/persistence';

/**
 * After the active embedding model changes: queues every READY document that has no chunks of
 * that model, so workers embed it again. Searches use only the active model's vectors; each
 * document's old chunks are removed in the same transaction that writes its new ones.
 */
export function requeueForModel(db: Pick<Database, 'documentQueue'>, modelId: number): Promise<number> {
  return db.documentQueue.requeueForModel(modelId);
}
