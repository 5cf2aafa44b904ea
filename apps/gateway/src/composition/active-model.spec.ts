import type { Database, EmbeddingModelRecord } from '@docent/persistence';
import pino from 'pino';
import { activeModelAtStart } from './active-model';

const model = (id: number, name: string, state: Partial<EmbeddingModelRecord> = {}): EmbeddingModelRecord => ({
  id,
  name,
  provider: 'test',
  dimension: 8,
  active: false,
  activatedAt: null,
  buildStartedAt: null,
  indexPrecision: 'full',
  indexGraph: { m: 16, efConstruction: 64 },
  ...state,
});

/** The registry as persistence keeps it: at most one active model. */
function registry(models: EmbeddingModelRecord[]): Pick<Database, 'embeddingModels'> {
  return {
    embeddingModels: {
      findActive: async () => models.find((one) => one.active) ?? null,
      activate: async (id: number) => {
        for (const one of models) one.active = one.id === id;
        return models.find((one) => one.id === id)!;
      },
    } as unknown as Database['embeddingModels'],
  };
}

/** A logger that keeps its warnings. */
function recordingLogger() {
  const warnings: string[] = [];
  const logger = pino({ level: 'silent' });
  logger.warn = ((_fields: object, message: string) => void warnings.push(message)) as unknown as typeof logger.warn;
  return { logger, warnings };
}

describe('activeModelAtStart', () => {
  it('serves the active model when it is the configured one, saying nothing', async () => {
    const a = model(1, 'model-a', { active: true });
    const { logger, warnings } = recordingLogger();

    await expect(activeModelAtStart(registry([a]), a, false, logger)).resolves.toMatchObject({ name: 'model-a' });
    expect(warnings).toEqual([]);
  });

  it("lets a gateway's first start on a fresh database make its model active, never a worker's", async () => {
    const a = model(1, 'model-a');
    const fresh = registry([a]);
    const { logger } = recordingLogger();

    await expect(activeModelAtStart(fresh, a, false, logger)).rejects.toMatchObject({ code: 'MODEL_NOT_ACTIVE' });
    expect(await fresh.embeddingModels.findActive()).toBeNull();
    await expect(activeModelAtStart(fresh, a, true, logger)).resolves.toMatchObject({ name: 'model-a', active: true });
  });

  it('serves the active model when configured with another, naming both, and never switches', async () => {
    const a = model(1, 'model-a', { active: true });
    const b = model(2, 'model-b');
    const database = registry([a, b]);
    const { logger, warnings } = recordingLogger();

    await expect(activeModelAtStart(database, b, true, logger)).resolves.toMatchObject({ name: 'model-a' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('search uses the embedding model model-a, not the configured model-b');
    expect(warnings[0]).toContain('EMBEDDING_MODEL only chooses the first model of a fresh database');
    expect((await database.embeddingModels.findActive())?.name).toBe('model-a');
  });

  it('says so when the configured model is being built: the process serves its run', async () => {
    const a = model(1, 'model-a', { active: true });
    const b = model(2, 'model-b', { buildStartedAt: new Date() });
    const { logger, warnings } = recordingLogger();

    await activeModelAtStart(registry([a, b]), b, false, logger);
    expect(warnings[0]).toContain('serves the re-embedding run that is building model-b');
  });
});
