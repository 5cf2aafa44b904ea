import type { ClaimOptions, ClaimedDocument, CompletedDocument, DocumentStatus, FailureOptions, FailureOutcome, QueueStats } from '../types';
import { ModelNotActiveError } from '../errors';
import type { ChunkRepository } from './chunk.repository';
import { type ClaimedRow, toClaimedDocument } from './claimed-document';
import type { Executor } from './executor';

/**
 * The documents table as a work queue. Claims use FOR UPDATE SKIP LOCKED, so concurrent
 * workers never take the same document, and a lease, so a crashed worker's documents are
 * taken over once it expires. Completion and failure only count for the lease holder.
 */
export class DocumentQueueRepository {
  constructor(
    private readonly db: Executor,
    private readonly chunks: ChunkRepository,
  ) {}

  /**
   * Claims up to `limit` documents that are due (pending and past their backoff, or processing
   * with an expired lease), taking owners in turn: each owner's oldest due document first, then
   * each one's second, so one user's thousand documents do not hold back another's one.
   */
  async claim({ workerId, limit, leaseMs }: ClaimOptions): Promise<ClaimedDocument[]> {
    const rows = await this.db.$queryRaw<ClaimedRow[]>`
      WITH ranked AS (
        SELECT id, next_attempt_at, created_at,
               row_number() OVER (PARTITION BY owner_id ORDER BY next_attempt_at, created_at) AS turn
        FROM documents
        WHERE (status = 'PENDING' AND next_attempt_at <= now())
           OR (status = 'PROCESSING' AND lease_expires_at < now())
      ), due AS (
        SELECT d.id FROM documents d JOIN ranked r ON r.id = d.id
        -- Checked again on the locked row: another worker may have claimed it since.
        WHERE (d.status = 'PENDING' AND d.next_attempt_at <= now())
           OR (d.status = 'PROCESSING' AND d.lease_expires_at < now())
        ORDER BY r.turn, r.next_attempt_at, r.created_at
        LIMIT ${limit}::int
        FOR UPDATE OF d SKIP LOCKED
      )
      UPDATE documents AS d
      SET status = 'PROCESSING', attempts = d.attempts + 1, lease_owner = ${workerId},
          lease_expires_at = now() + make_interval(secs => ${leaseMs / 1000}::float8), updated_at = now()
      FROM due WHERE d.id = due.id
      RETURNING d.id, d.owner_id, d.title, d.mime_type, d.content, d.metadata, d.attempts`;
    return rows.map(toClaimedDocument);
  }

  /** Keeps a long-running claim alive; returns the ids whose lease this worker still holds. */
  async extendLease(workerId: string, documentIds: readonly string[], leaseMs: number): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      UPDATE documents SET lease_expires_at = now() + make_interval(secs => ${leaseMs / 1000}::float8)
      WHERE id = ANY(${[...documentIds]}::uuid[]) AND status = 'PROCESSING' AND lease_owner = ${workerId}
      RETURNING id`;
    return rows.map((row) => row.id);
  }

  /**
   * Marks documents READY with exactly these chunks of the active model (replacing all their
   * earlier ones), for those whose lease this worker still holds; the others are left untouched.
   * Models being built get a task for each, since their vectors of the old text went too. One
   * statement per step for all of them, however many there are. Call inside
   * `Database.transaction` so that the chunks and the statuses commit together; returns the ids
   * that were completed. Throws ModelNotActiveError, writing nothing, if `modelId` is no longer
   * the active model (another was promoted meanwhile).
   */
  async completeWithChunks(workerId: string, modelId: number, documents: readonly CompletedDocument[]): Promise<string[]> {
    if (documents.length === 0) return [];
    // A shared lock on the model's row: a promotion (which locks the models first) waits for
    // this write, or this write sees the model inactive.
    const [model] = await this.db.$queryRaw<{ active: boolean; name: string }[]>`SELECT active, name FROM embedding_models WHERE id = ${modelId}::int FOR SHARE`;
    if (!model?.active) throw new ModelNotActiveError(model?.name ?? `#${modelId}`);
    const heldRows = await this.db.$queryRaw<{ id: string }[]>`
      SELECT id FROM documents
      WHERE id = ANY(${documents.map((document) => document.documentId)}::uuid[]) AND status = 'PROCESSING' AND lease_owner = ${workerId}
      ORDER BY id FOR UPDATE`;
    const held = new Set(heldRows.map((row) => row.id));
    const completed = documents.filter((document) => held.has(document.documentId));
    if (completed.length === 0) return [];
    const ids = completed.map((document) => document.documentId);
    // The new chunks replace the documents' chunks of every model: older models' vectors stayed
    // searchable until now, and go in the same transaction that brings their replacement.
    await this.db.$executeRaw`DELETE FROM chunks WHERE document_id = ANY(${ids}::uuid[])`;
    await this.chunks.insertMany(modelId, completed.flatMap((document) => document.chunks));
    await this.db.$executeRaw`
      UPDATE documents AS d SET status = 'READY', chunk_count = done.chunk_count, error = NULL, processed_at = now(),
             lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
      FROM unnest(${ids}::uuid[], ${completed.map((document) => document.chunks.length)}::int[]) AS done(id, chunk_count)
      WHERE d.id = done.id`;
    await this.db.$executeRaw`
      INSERT INTO embedding_tasks (model_id, document_id)
      SELECT m.id, done.id FROM embedding_models AS m CROSS JOIN unnest(${ids}::uuid[]) AS done(id)
      WHERE m.build_started_at IS NOT NULL AND m.id <> ${modelId}::int
      ON CONFLICT (model_id, document_id) DO UPDATE
        SET status = 'PENDING', attempts = 0, error = NULL, lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = now(), updated_at = now()`;
    return ids;
  }

  /** Gives claimed documents back at once, their attempt not counted (their model changed while they were embedded). */
  async release(workerId: string, documentIds: readonly string[]): Promise<void> {
    await this.db.$executeRaw`
      UPDATE documents SET status = 'PENDING', attempts = greatest(attempts - 1, 0), lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = now(), updated_at = now()
      WHERE id = ANY(${[...documentIds]}::uuid[]) AND status = 'PROCESSING' AND lease_owner = ${workerId}`;
  }

  /** Records a failed attempt: back to PENDING after a backoff, or FAILED for good after the last attempt. */
  async fail(workerId: string, documentId: string, error: string, options: FailureOptions): Promise<FailureOutcome> {
    const rows = await this.db.$queryRaw<{ status: DocumentStatus }[]>`
      UPDATE documents SET
        status = CASE WHEN attempts >= ${options.maxAttempts}::int THEN 'FAILED'::"DocumentStatus" ELSE 'PENDING'::"DocumentStatus" END,
        next_attempt_at = now() + make_interval(secs => ${options.backoffMs / 1000}::float8 * power(2, greatest(attempts - 1, 0))),
        error = ${error.slice(0, 2_000)}, lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
      WHERE id = ${documentId}::uuid AND status = 'PROCESSING' AND lease_owner = ${workerId}
      RETURNING status`;
    const status = rows[0]?.status;
    if (!status) return 'LEASE_LOST';
    return status === 'FAILED' ? 'FAILED' : 'RETRY_SCHEDULED';
  }

  /** Counts per status and the wait of the longest-waiting due document. */
  async stats(): Promise<QueueStats> {
    const [counts, [lag]] = await Promise.all([
      this.countByStatus(),
      this.db.$queryRaw<{ seconds: number | null }[]>`
        SELECT extract(epoch FROM now() - min(next_attempt_at))::float8 AS seconds
        FROM documents WHERE status = 'PENDING' AND next_attempt_at <= now()`,
    ]);
    return { counts, oldestDueSeconds: Math.max(0, Number(lag?.seconds ?? 0)) };
  }

  /** How many documents are in each status, for metrics and the admin. */
  async countByStatus(): Promise<Record<DocumentStatus, number>> {
    const rows = await this.db.$queryRaw<{ status: DocumentStatus; count: bigint }[]>`
      SELECT status, count(*) AS count FROM documents GROUP BY status`;
    const counts: Record<DocumentStatus, number> = { PENDING: 0, PROCESSING: 0, READY: 0, FAILED: 0 };
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }
}

