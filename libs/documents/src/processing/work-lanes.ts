import type { ClaimedDocument, CompletedDocument, Database, FailureOptions, FailureOutcome, Repositories } from '@docent/persistence';
import type { ModelRuntime } from '../models/model-runtime';

/**
 * Where a batch comes from and where it goes back: new and edited documents, embedded with the
 * active model (their status follows), or a model's re-embedding tasks (the document stays
 * READY with the active model meanwhile). The processor treats both alike.
 */
export interface WorkLane {
  readonly name: 'ingestion' | 'reembedding';
  readonly runtime: ModelRuntime;
  claim(limit: number, leaseMs: number): Promise<ClaimedDocument[]>;
  extendLease(documentIds: readonly string[], leaseMs: number): Promise<unknown>;
  /** Writes chunks and ends the claims, with the repositories of one transaction; returns the ids written. */
  complete(transaction: Repositories, completed: readonly CompletedDocument[]): Promise<string[]>;
  fail(documentId: string, error: string, options: FailureOptions): Promise<FailureOutcome>;
  /** Gives claims back uncounted. */
  release(documentIds: readonly string[]): Promise<void>;
}

export type LaneDatabase = Pick<Database, 'documentQueue' | 'reembeddingQueue'>;

export function ingestionLane(db: LaneDatabase, workerId: string, runtime: ModelRuntime): WorkLane {
  const modelId = runtime.model.id;
  return {
    name: 'ingestion',
    runtime,
    claim: (limit, leaseMs) => db.documentQueue.claim({ workerId, limit, leaseMs }),
    extendLease: (ids, leaseMs) => db.documentQueue.extendLease(workerId, ids, leaseMs),
    complete: (transaction, completed) => transaction.documentQueue.completeWithChunks(workerId, modelId, completed),
    fail: (documentId, error, options) => db.documentQueue.fail(workerId, documentId, error, options),
    release: (ids) => db.documentQueue.release(workerId, ids),
  };
}

export function reembeddingLane(db: LaneDatabase, workerId: string, runtime: ModelRuntime): WorkLane {
  const modelId = runtime.model.id;
  return {
    name: 'reembedding',
    runtime,
    claim: (limit, leaseMs) => db.reembeddingQueue.claim({ workerId, modelId, limit, leaseMs }),
    extendLease: (ids, leaseMs) => db.reembeddingQueue.extendLease(workerId, modelId, ids, leaseMs),
    complete: (transaction, completed) => transaction.reembeddingQueue.completeWithChunks(workerId, modelId, completed),
    fail: (documentId, error, options) => db.reembeddingQueue.fail(workerId, modelId, documentId, error, options),
    release: (ids) => db.reembeddingQueue.release(workerId, modelId, ids),
  };
}
