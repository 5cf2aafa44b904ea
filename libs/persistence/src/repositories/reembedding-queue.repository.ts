import type { BuildClaimOptions, ClaimedDocument, CompletedDocument, FailureOptions, FailureOutcome } from '../types';
import type { ChunkRepository } from './chunk.repository';
import { type ClaimedRow, toClaimedDocument } from './claimed-document';
import type { Executor } from './executor';

/**
 * The tasks of models being built: READY documents to embed with a model that is not active
 * yet. The same contract as the documents queue (leases, SKIP LOCKED claims, completion and
 * failure only for the lease holder), but a task never touches its document's status: the
 * active model keeps serving the document while the new one is built.
 */
export class ReembeddingQueueRepository {
  constructor(
    private readonly db: Executor,
    private readonly chunks: ChunkRepository,
  ) {}

  /**
   * Claims up to `limit` due tasks of one model, oldest first, straight off the
   * (model, status, next attempt) index: a run's tasks are all due at once, so taking owners in
   * turn (as the documents queue does, with a window over every due row) would cost a scan of
   * the whole run per claim and buy no fairness that matters here.
   */
  async claim({ workerId, modelId, limit, leaseMs }: BuildClaimOptions): Promise<ClaimedDocument[]> {
    const rows = await this.db.$queryRaw<ClaimedRow[]>`
      WITH due AS (
        SELECT t.document_id FROM embedding_tasks AS t JOIN documents AS d ON d.id = t.document_id
        WHERE t.model_id = ${modelId}::int AND d.status = 'READY'
          AND ((t.status = 'PENDING' AND t.next_attempt_at <= now()) OR (t.status = 'PROCESSING' AND t.lease_expires_at < now()))
        ORDER BY t.next_attempt_at
        LIMIT ${limit}::int
        FOR UPDATE OF t SKIP LOCKED
      ), claimed AS (
        UPDATE embedding_tasks AS t
        SET status = 'PROCESSING', attempts = t.attempts + 1, lease_owner = ${workerId},
            lease_expires_at = now() + make_interval(secs => ${leaseMs / 1000}::float8), updated_at = now()
        FROM due WHERE t.model_id = ${modelId}::int AND t.document_id = due.document_id
        RETURNING t.document_id, t.attempts
      )
      SELECT d.id, d.owner_id, d.title, d.mime_type, d.content, d.metadata, claimed.attempts
      FROM claimed JOIN documents AS d ON d.id = claimed.document_id`;
    return rows.map(toClaimedDocument);
  }

  /** Keeps a long-running claim alive; returns the ids whose lease this worker still holds. */
  async extendLease(workerId: string, modelId: number, documentIds: readonly string[], leaseMs: number): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ document_id: string }[]>`
      UPDATE embedding_tasks SET lease_expires_at = now() + make_interval(secs => ${leaseMs / 1000}::float8)
      WHERE model_id = ${modelId}::int AND document_id = ANY(${[...documentIds]}::uuid[]) AND status = 'PROCESSING' AND lease_owner = ${workerId}
      RETURNING document_id`;
    return rows.map((row) => row.document_id);
  }

  /**
   * Writes the documents' chunks of this model and ends their tasks, for the tasks this worker
   * still holds on documents still READY (an edited document was requeued and its task with
   * it). Call inside `Database.transaction`; returns the ids that were completed.
   */
  async completeWithChunks(workerId: string, modelId: number, documents: readonly CompletedDocument[]): Promise<string[]> {
    if (documents.length === 0) return [];
    const heldRows = await this.db.$queryRaw<{ document_id: string }[]>`
      SELECT t.document_id FROM embedding_tasks AS t JOIN documents AS d ON d.id = t.document_id
      WHERE t.model_id = ${modelId}::int AND t.document_id = ANY(${documents.map((document) => document.documentId)}::uuid[])
        AND t.status = 'PROCESSING' AND t.lease_owner = ${workerId} AND d.status = 'READY'
      ORDER BY t.document_id FOR UPDATE OF t, d`;
    const held = new Set(heldRows.map((row) => row.document_id));
    const completed = documents.filter((document) => held.has(document.documentId));
    if (completed.length === 0) return [];
    const ids = completed.map((document) => document.documentId);
    await this.db.$executeRaw`DELETE FROM chunks WHERE model_id = ${modelId}::int AND document_id = ANY(${ids}::uuid[])`;
    await this.chunks.insertMany(modelId, completed.flatMap((document) => document.chunks));
    await this.db.$executeRaw`DELETE FROM embedding_tasks WHERE model_id = ${modelId}::int AND document_id = ANY(${ids}::uuid[])`;
    return ids;
  }

  /** Records a failed attempt: due again after a backoff, or FAILED for good after the last attempt. */
  async fail(workerId: string, modelId: number, documentId: string, error: string, options: FailureOptions): Promise<FailureOutcome> {
    const rows = await this.db.$queryRaw<{ status: string }[]>`
      UPDATE embedding_tasks SET
        status = CASE WHEN attempts >= ${options.maxAttempts}::int THEN 'FAILED'::"DocumentStatus" ELSE 'PENDING'::"DocumentStatus" END,
        next_attempt_at = now() + make_interval(secs => ${options.backoffMs / 1000}::float8 * power(2, greatest(attempts - 1, 0))),
        error = ${error.slice(0, 2_000)}, lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
      WHERE model_id = ${modelId}::int AND document_id = ${documentId}::uuid AND status = 'PROCESSING' AND lease_owner = ${workerId}
      RETURNING status`;
    const status = rows[0]?.status;
    if (!status) return 'LEASE_LOST';
    return status === 'FAILED' ? 'FAILED' : 'RETRY_SCHEDULED';
  }

  /** Gives claimed tasks back at once, their attempt not counted (the worker is stopping, or its model changed). */
  async release(workerId: string, modelId: number, documentIds: readonly string[]): Promise<void> {
    await this.db.$executeRaw`
      UPDATE embedding_tasks SET status = 'PENDING', attempts = greatest(attempts - 1, 0), lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = now(), updated_at = now()
      WHERE model_id = ${modelId}::int AND document_id = ANY(${[...documentIds]}::uuid[]) AND status = 'PROCESSING' AND lease_owner = ${workerId}`;
  }
}
