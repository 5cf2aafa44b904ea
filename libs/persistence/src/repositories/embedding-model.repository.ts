import type { EmbeddingModel } from '../generated/prisma/client';
import { ModelIncompleteError, PersistenceError, UnknownEmbeddingModelError } from '../errors';
import type { EmbeddingModelRecord, IndexGraph, IndexPrecision, ModelCoverage, NewEmbeddingModel } from '../types';
import { assertDimension } from '../vector/vector-literal';
import type { Executor } from './executor';

interface CoverageRow {
  documents: bigint;
  covered: bigint;
  chunks: bigint;
  active_chunks: bigint;
  failed: bigint;
}

export interface EmbeddingModelSettings {
  /** The precision every registered model's HNSW index is built at. */
  indexPrecision: IndexPrecision;
  /** How every registered model's HNSW graph is built. */
  indexGraph: IndexGraph;
  /** Forgets a cached copy of a model whose record changed. */
  evict(id: number): void;
}

/**
 * The embedding models and their lifecycle: registered, built by a re-embedding run while the
 * active one serves, promoted once they cover every READY document, rolled back, deleted.
 */
export class EmbeddingModelRepository {
  constructor(
    private readonly db: Executor,
    private readonly settings: EmbeddingModelSettings,
  ) {}

  /**
   * Records a model (idempotent by name) and makes sure its HNSW index exists at the configured
   * precision and graph. A model registered before with other settings gets a new index (minutes
   * for a million chunks) while searches read the old one, then its row switches and the old
   * index goes. Other processes keep casting to the precision they cached until they restart.
   * A name that comes back with another dimension is refused: its stored vectors would be unreadable.
   */
  async register(model: NewEmbeddingModel): Promise<EmbeddingModelRecord> {
    assertDimension(model.dimension);
    const { indexPrecision, indexGraph } = this.settings;
    const index = { indexPrecision, indexM: indexGraph.m, indexEfConstruction: indexGraph.efConstruction };
    let stored = await this.db.embeddingModel.upsert({
      where: { name: model.name },
      create: { ...model, ...index },
      update: {},
    });
    if (stored.dimension !== model.dimension) {
      throw new PersistenceError(
        'MODEL_DIMENSION_CHANGED',
        `Embedding model "${model.name}" is registered with dimension ${stored.dimension}, not ${model.dimension}`,
      );
    }
    if (stored.indexPrecision !== indexPrecision || stored.indexM !== indexGraph.m || stored.indexEfConstruction !== indexGraph.efConstruction) {
      await this.db.$executeRaw`
        SELECT build_embedding_index(${stored.id}::int, ${indexPrecision === 'half' ? 'halfvec' : 'vector'}, ${indexGraph.m}::int, ${indexGraph.efConstruction}::int)`;
      stored = await this.db.embeddingModel.update({ where: { id: stored.id }, data: index });
      this.settings.evict(stored.id);
    }
    await this.db.$executeRaw`SELECT ensure_embedding_index(${stored.id}::int)`;
    return toRecord(stored);
  }

  /**
   * Makes one model the active one (the one searches read) whatever it covers: for a fresh
   * database's first model. Switching a live one goes through `promote`.
   */
  async activate(id: number): Promise<EmbeddingModelRecord> {
    // Two statements, old off before new on: the unique index on `active` is checked row by
    // row, so flipping both in one UPDATE can see two active rows for a moment and fail.
    const deactivateOthers = this.db.$executeRaw`UPDATE embedding_models SET active = false WHERE active AND id <> ${id}::int`;
    const activate = this.db.$executeRaw`
      UPDATE embedding_models SET active = true, activated_at = now(), build_started_at = NULL WHERE id = ${id}::int AND NOT active`;
    if ('$transaction' in this.db) await this.db.$transaction([deactivateOthers, activate]);
    else {
      await deactivateOthers;
      await activate;
    }
    return this.get(id);
  }

  /**
   * Makes a model the active one if it covers every READY document, ending its run. Call inside
   * `Database.transaction`: it locks the models first, so a document written with the old
   * model at the same moment either commits before the count (and is missing from it) or
   * finds its model inactive and is not written.
   */
  async promote(id: number): Promise<EmbeddingModelRecord> {
    await this.db.$queryRaw`SELECT id FROM embedding_models ORDER BY id FOR UPDATE`;
    const model = await this.get(id);
    if (model.active) return model;
    const [row] = await this.db.$queryRaw<{ missing: bigint }[]>`
      SELECT count(*) AS missing FROM documents AS d
      WHERE d.status = 'READY' AND NOT EXISTS (SELECT 1 FROM chunks AS c WHERE c.document_id = d.id AND c.model_id = ${id}::int)`;
    const missing = Number(row?.missing ?? 0);
    if (missing > 0) throw new ModelIncompleteError(model.name, missing);
    await this.db.$executeRaw`DELETE FROM embedding_tasks WHERE model_id = ${id}::int`;
    await this.db.$executeRaw`UPDATE embedding_models SET active = false WHERE active`;
    await this.db.$executeRaw`UPDATE embedding_models SET active = true, activated_at = now(), build_started_at = NULL WHERE id = ${id}::int`;
    return this.get(id);
  }

  /**
   * Starts (or restarts) building a model that is not active: every READY document without its
   * vectors becomes a task, failed tasks get their attempts back. Returns how many were queued.
   */
  async startBuild(id: number): Promise<number> {
    const model = await this.get(id);
    if (model.active) throw new PersistenceError('MODEL_ACTIVE', `${model.name} is the active model: there is nothing to build`);
    await this.db.$executeRaw`
      UPDATE embedding_models SET build_started_at = now(),
        build_baseline = (SELECT count(*) FROM documents AS d WHERE d.status = 'READY'
                          AND EXISTS (SELECT 1 FROM chunks AS c WHERE c.document_id = d.id AND c.model_id = ${id}::int))
      WHERE id = ${id}::int`;
    return this.db.$executeRaw`
      INSERT INTO embedding_tasks (model_id, document_id)
      SELECT ${id}::int, d.id FROM documents AS d
      WHERE d.status = 'READY' AND NOT EXISTS (SELECT 1 FROM chunks AS c WHERE c.document_id = d.id AND c.model_id = ${id}::int)
      ON CONFLICT (model_id, document_id) DO UPDATE
        SET status = 'PENDING', attempts = 0, error = NULL, lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = now(), updated_at = now()
        WHERE embedding_tasks.status = 'FAILED'`;
  }

  /** Stops building a model: its tasks go; the vectors written so far stay. */
  async stopBuild(id: number): Promise<void> {
    await this.db.$executeRaw`UPDATE embedding_models SET build_started_at = NULL WHERE id = ${id}::int`;
    await this.db.$executeRaw`DELETE FROM embedding_tasks WHERE model_id = ${id}::int`;
  }

  /** How far a model covers the READY documents (one pass over documents, one over the model's chunks). */
  async coverage(id: number): Promise<ModelCoverage> {
    const [[row], failures, [model]] = await Promise.all([
      this.db.$queryRaw<CoverageRow[]>`
        SELECT
          (SELECT count(*) FROM documents WHERE status = 'READY') AS documents,
          (SELECT count(*) FROM documents AS d WHERE d.status = 'READY'
             AND EXISTS (SELECT 1 FROM chunks AS c WHERE c.document_id = d.id AND c.model_id = ${id}::int)) AS covered,
          (SELECT count(*) FROM chunks WHERE model_id = ${id}::int) AS chunks,
          (SELECT coalesce(sum(d.chunk_count), 0) FROM documents AS d WHERE d.status = 'READY') AS active_chunks,
          (SELECT count(*) FROM embedding_tasks WHERE model_id = ${id}::int AND status = 'FAILED') AS failed`,
      this.db.$queryRaw<{ document_id: string; error: string }[]>`
        SELECT document_id, coalesce(error, '') AS error FROM embedding_tasks
        WHERE model_id = ${id}::int AND error IS NOT NULL ORDER BY updated_at DESC LIMIT 10`,
      this.db.$queryRaw<{ build_baseline: number }[]>`SELECT build_baseline FROM embedding_models WHERE id = ${id}::int`,
    ]);
    return {
      documents: Number(row?.documents ?? 0),
      covered: Number(row?.covered ?? 0),
      coveredAtStart: model?.build_baseline ?? 0,
      chunks: Number(row?.chunks ?? 0),
      activeChunks: Number(row?.active_chunks ?? 0),
      failed: Number(row?.failed ?? 0),
      failures: failures.map((failure) => ({ documentId: failure.document_id, error: failure.error })),
    };
  }

  /** Deletes a model that is not active, with its vectors, its tasks and its index. */
  async delete(id: number): Promise<number> {
    const model = await this.get(id);
    if (model.active) throw new PersistenceError('MODEL_ACTIVE', `${model.name} is the active model: promote another one before deleting it`);
    const chunks = await this.db.$executeRaw`DELETE FROM chunks WHERE model_id = ${id}::int`;
    // Every index of the model, whatever precision and graph it was built with.
    await this.db.$executeRaw`SELECT drop_embedding_index(${id}::int)`;
    await this.db.$executeRaw`DELETE FROM embedding_models WHERE id = ${id}::int`;
    return chunks;
  }

  async findActive(): Promise<EmbeddingModelRecord | null> {
    const model = await this.db.embeddingModel.findFirst({ where: { active: true } });
    return model && toRecord(model);
  }

  /** The model that was active before the current one, if any is left. */
  async findPrevious(): Promise<EmbeddingModelRecord | null> {
    const model = await this.db.embeddingModel.findFirst({ where: { active: false, activatedAt: { not: null } }, orderBy: { activatedAt: 'desc' } });
    return model && toRecord(model);
  }

  async findByName(name: string): Promise<EmbeddingModelRecord | null> {
    const model = await this.db.embeddingModel.findUnique({ where: { name } });
    return model && toRecord(model);
  }

  async get(id: number): Promise<EmbeddingModelRecord> {
    const model = await this.db.embeddingModel.findUnique({ where: { id } });
    if (!model) throw new UnknownEmbeddingModelError(id);
    return toRecord(model);
  }

  async list(): Promise<EmbeddingModelRecord[]> {
    return (await this.db.embeddingModel.findMany({ orderBy: { id: 'asc' } })).map(toRecord);
  }
}

function toRecord(model: EmbeddingModel): EmbeddingModelRecord {
  return {
    id: model.id,
    name: model.name,
    provider: model.provider,
    dimension: model.dimension,
    active: model.active,
    activatedAt: model.activatedAt,
    buildStartedAt: model.buildStartedAt,
    indexPrecision: model.indexPrecision === 'half' ? 'half' : 'full',
    indexGraph: { m: model.indexM, efConstruction: model.indexEfConstruction },
  };
}
