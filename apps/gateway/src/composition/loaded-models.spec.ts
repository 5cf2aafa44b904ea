import type { Database, EmbeddingModelRecord } from '@docent/persistence';
import pino from 'pino';
import { type LoadedModel, LoadedModels } from './loaded-models';

const record = (id: number, state: Partial<EmbeddingModelRecord> = {}): EmbeddingModelRecord => ({
  id,
  name: `model-${id}`,
  provider: 'test',
  dimension: 8,
  active: false,
  activatedAt: null,
  buildStartedAt: null,
  indexPrecision: 'full',
  indexGraph: { m: 16, efConstruction: 64 },
  ...state,
});

/** A registry whose rows the test changes, counting how often it is read. */
function registry(rows: EmbeddingModelRecord[]) {
  const reads = { count: 0 };
  const database = {
    embeddingModels: {
      list: async () => {
        reads.count++;
        return rows.map((row) => ({ ...row }));
      },
    },
  } as unknown as Pick<Database, 'embeddingModels'>;
  return { database, reads };
}

function loader(unloadable: number[] = []) {
  const loads: number[] = [];
  const closed: number[] = [];
  const load = async (model: EmbeddingModelRecord): Promise<LoadedModel> => {
    if (unloadable.includes(model.id)) throw new Error(`no files for ${model.name}`);
    loads.push(model.id);
    return { model, engine: { queuedTexts: 0 } as LoadedModel['engine'], chunker: { chunk: async () => [] }, close: async () => void closed.push(model.id) };
  };
  return { load, loads, closed };
}

const logger = pino({ level: 'silent' });

describe('LoadedModels', () => {
  it('follows the database: a promotion reaches it once its read is older than refreshMs, or at once after refresh()', async () => {
    const rows = [record(1, { active: true }), record(2)];
    const { database, reads } = registry(rows);
    const models = new LoadedModels(database, { load: loader().load, refreshMs: 60_000, logger });

    expect((await models.active()).model.id).toBe(1);
    rows[0]!.active = false;
    rows[1]!.active = true;
    expect((await models.active()).model.id).toBe(1);
    expect(reads.count).toBe(1);

    models.refresh();
    const promoted = await models.active();
    expect(promoted.model).toMatchObject({ id: 2, active: true });
  });

  it('loads each model once, serves the models being built, and leaves out one it cannot load', async () => {
    const rows = [record(1, { active: true }), record(2, { buildStartedAt: new Date() }), record(3, { buildStartedAt: new Date() })];
    const { database } = registry(rows);
    const { load, loads } = loader([3]);
    const models = new LoadedModels(database, { load, refreshMs: 0, logger });

    await models.active();
    await models.active();
    const building = await models.building();

    expect(building.map((runtime) => runtime.model.id)).toEqual([2]);
    expect(loads).toEqual([1, 2]);
  });

  it('unloads a model a while after it is neither active nor being built, and reloads it when needed again', async () => {
    jest.useFakeTimers();
    try {
      const rows = [record(1, { active: true }), record(2, { buildStartedAt: new Date() })];
      const { database } = registry(rows);
      const { load, loads, closed } = loader();
      const models = new LoadedModels(database, { load, refreshMs: 0, unloadAfterMs: 1_000, logger });
      await models.building();

      rows[1]!.buildStartedAt = null;
      await models.active();
      expect(closed).toEqual([]);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(closed).toEqual([2]);

      rows[1]!.buildStartedAt = new Date();
      await models.building();
      expect(loads).toEqual([2, 1, 2]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('tries a model it could not load again a minute later (its files may have arrived)', async () => {
    jest.useFakeTimers();
    try {
      const rows = [record(1, { active: true }), record(3, { buildStartedAt: new Date() })];
      const { database } = registry(rows);
      const missing = [3];
      const { load, loads } = loader(missing);
      const models = new LoadedModels(database, { load, refreshMs: 0, logger });

      expect(await models.building()).toEqual([]);
      missing.pop();
      expect(await models.building()).toEqual([]);
      jest.advanceTimersByTime(60_000);
      expect((await models.building()).map((runtime) => runtime.model.id)).toEqual([3]);
      expect(loads).toEqual([3]);
    } finally {
      jest.useRealTimers();
    }
  });
});
