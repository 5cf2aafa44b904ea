import { DocentError } from '@docent/common';
import type { EmbeddingProvider } from '@docent/embeddings';
import type { Database, EmbeddingModelRecord } from '@docent/persistence';
import pino from 'pino';
import { modelToServe } from './active-model';

/** The embedding-model registry as persistence keeps it: names unique, at most one active. */
function registry(...names: string[]): Pick<Database, 'embeddingModels'> & { activeName(): string | undefined } {
  const models: EmbeddingModelRecord[] = [];
  const register = async ({ name, provider, dimension }: { name: string; provider: string; dimension: number }) => {
    const existing = models.find((model) => model.name === name);
    if (existing) return existing;
    const model = { id: models.length + 1, name, provider, dimension, active: false };
    models.push(model);
    return model;
  };
  const activate = async (id: number) => {
    for (const model of models) model.active = model.id === id;
    return models.find((model) => model.id === id)!;
  };
  const fake = {
    embeddingModels: {
      register,
      activate,
      findActive: async () => models.find((model) => model.active) ?? null,
    } as unknown as Database['embeddingModels'],
    activeName: () => models.find((model) => model.active)?.name,
  };
  // The last name given is the active model.
  names.forEach((name, i) => models.push({ id: i + 1, name, provider: 'test', dimension: 8, active: i === names.length - 1 }));
  return fake;
}

const provider = (modelName: string) => ({ modelName, runtime: 'test', dimension: 8 }) as EmbeddingProvider;
const logger = pino({ level: 'silent' });
const GATEWAY = { activateOnFirstStart: true, activate: false };
const WORKER = { activateOnFirstStart: false, activate: false };

describe('modelToServe', () => {
  it('serves the active model when it is the configured one', async () => {
    const database = registry('model-a');

    await expect(modelToServe(database, provider('model-a'), WORKER, logger)).resolves.toMatchObject({ name: 'model-a', active: true });
  });

  it("lets a gateway's first start on a fresh database make its model active, never a worker's", async () => {
    const fresh = registry();
    await expect(modelToServe(fresh, provider('model-a'), WORKER, logger)).rejects.toMatchObject({ code: 'MODEL_NOT_ACTIVE' });
    expect(fresh.activeName()).toBeUndefined();

    await expect(modelToServe(fresh, provider('model-a'), GATEWAY, logger)).resolves.toMatchObject({ name: 'model-a', active: true });
  });

  it('refuses another model, naming both, and leaves the active one in place', async () => {
    for (const choice of [GATEWAY, WORKER]) {
      const database = registry('model-a');

      const refusal = modelToServe(database, provider('model-b'), choice, logger);

      await expect(refusal).rejects.toThrow(DocentError);
      await expect(refusal).rejects.toThrow('Search uses the embedding model model-a, but this process is configured with model-b');
      expect(database.activeName()).toBe('model-a');
    }
  });

  it('switches only when an operator asks for it', async () => {
    const database = registry('model-a');

    await expect(modelToServe(database, provider('model-b'), { ...GATEWAY, activate: true }, logger)).resolves.toMatchObject({ name: 'model-b' });
    expect(database.activeName()).toBe('model-b');
  });
});
