import type { EmbeddingModel } from '../generated/prisma/client';
import { PersistenceError, UnknownEmbeddingModelError } from '../errors';
import type { EmbeddingModelRecord, NewEmbeddingModel } from '../types';
import { assertDimension } from '../vector/vector-literal';
import type { Executor } from './executor';

export class EmbeddingModelRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Records a model (idempotent by name) and makes sure its HNSW index exists.
   * A name that comes back with another dimension is refused: its stored vectors would be unreadable.
   */
  async register(model: NewEmbeddingModel): Promise<EmbeddingModelRecord> {
    assertDimension(model.dimension);
    const stored = await this.db.embeddingModel.upsert({
      where: { name: model.name },
      create: model,
      update: {},
    });
    if (stored.dimension !== model.dimension) {
      throw new PersistenceError(
        'MODEL_DIMENSION_CHANGED',
        `Embedding model "${model.name}" is registered with dimension ${stored.dimension}, not ${model.dimension}`,
      );
    }
    await this.db.$executeRaw`SELECT ensure_embedding_index(${stored.id}::int)`;
    return toRecord(stored);
  }

  /** Makes one model the active one (the one searches read); the others become inactive. */
  async activate(id: number): Promise<EmbeddingModelRecord> {
    // Two statements, old off before new on: the unique index on `active` is checked row by
    // row, so flipping both in one UPDATE can see two active rows for a moment and fail.
    const deactivateOthers = this.db.$executeRaw`UPDATE embedding_models SET active = false WHERE active AND id <> ${id}::int`;
    const activate = this.db.$executeRaw`UPDATE embedding_models SET active = true WHERE id = ${id}::int`;
    if ('$transaction' in this.db) await this.db.$transaction([deactivateOthers, activate]);
    else {
      await deactivateOthers;
      await activate;
    }
    return this.get(id);
  }

  async findActive(): Promise<EmbeddingModelRecord | null> {
    const model = await this.db.embeddingModel.findFirst({ where: { active: true } });
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
  return { id: model.id, name: model.name, provider: model.provider, dimension: model.dimension, active: model.active };
}
