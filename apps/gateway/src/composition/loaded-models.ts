import type { ModelRuntime, ModelRuntimes } from '@docent/documents';
import type { EmbeddingEngine } from '@docent/embeddings';
import type { Database, EmbeddingModelRecord } from '@docent/persistence';
import type { Logger } from 'pino';

const RETRY_FAILED_LOAD_MS = 60_000;

/** A model loaded in this process, with what releases it. */
export interface LoadedModel extends ModelRuntime {
  readonly engine: EmbeddingEngine;
  close(): Promise<void>;
}

export interface LoadedModelsOptions {
  /** Loads a registered model here; rejects when its files or server are not at hand. */
  load: (model: EmbeddingModelRecord) => Promise<LoadedModel>;
  /** Models already loaded (the configured one, at start). */
  preloaded?: readonly LoadedModel[];
  /** How long the database's choice of models is trusted before it is read again. */
  refreshMs?: number;
  /** How long a model nobody uses any more stays loaded, for searches and batches still running with it. */
  unloadAfterMs?: number;
  logger: Logger;
}

/**
 * The models this process serves, following the database: the active one (a promotion or a
 * rollback reaches every process within `refreshMs`) and those being built. Each is loaded on
 * first use and unloaded a while after it stops being either.
 */
export class LoadedModels implements ModelRuntimes {
  private readonly loaded = new Map<number, Promise<LoadedModel>>();
  /** The loaded ones that finished loading, for figures read synchronously. */
  private readonly ready = new Map<number, LoadedModel>();
  private readonly unloading = new Map<number, NodeJS.Timeout>();
  /** Models being built that failed to load here, and when: tried again a minute later (files may have arrived). */
  private readonly failedLoads = new Map<number, number>();
  private choice: Promise<{ active: EmbeddingModelRecord; building: EmbeddingModelRecord[] }> | undefined;
  private choiceReadAt = 0;

  constructor(
    private readonly database: Pick<Database, 'embeddingModels'>,
    private readonly options: LoadedModelsOptions,
  ) {
    for (const model of options.preloaded ?? []) {
      this.loaded.set(model.model.id, Promise.resolve(model));
      this.ready.set(model.model.id, model);
    }
  }

  async active(): Promise<LoadedModel> {
    return this.load((await this.read()).active);
  }

  /** The models being built that load here; one that cannot is left to processes that can, and tried again a minute later. */
  async building(): Promise<LoadedModel[]> {
    const runtimes: LoadedModel[] = [];
    for (const model of (await this.read()).building) {
      if (Date.now() - (this.failedLoads.get(model.id) ?? Number.NEGATIVE_INFINITY) < RETRY_FAILED_LOAD_MS) continue;
      try {
        runtimes.push(await this.load(model));
        this.failedLoads.delete(model.id);
      } catch (error) {
        this.failedLoads.set(model.id, Date.now());
        this.options.logger.warn({ err: error, embeddingModel: model.name }, `cannot load ${model.name} here: its re-embedding run is left to processes that can (trying again in a minute)`);
      }
    }
    return runtimes;
  }

  /** Texts waiting for any loaded model's engine: for metrics. */
  queuedTexts(): number {
    let queued = 0;
    for (const model of this.ready.values()) queued += model.engine.queuedTexts;
    return queued;
  }

  /** Reads the database's choice again on next use (after this process changed it). */
  refresh(): void {
    this.choice = undefined;
  }

  async close(): Promise<void> {
    for (const timer of this.unloading.values()) clearTimeout(timer);
    this.unloading.clear();
    const models = await Promise.allSettled(this.loaded.values());
    this.loaded.clear();
    this.ready.clear();
    await Promise.all(models.map((model) => (model.status === 'fulfilled' ? model.value.close() : undefined)));
  }

  private read(): Promise<{ active: EmbeddingModelRecord; building: EmbeddingModelRecord[] }> {
    const now = Date.now();
    if (this.choice === undefined || now - this.choiceReadAt >= (this.options.refreshMs ?? 1_000)) {
      this.choiceReadAt = now;
      const reading = this.database.embeddingModels.list().then((models) => {
        const active = models.find((model) => model.active);
        if (!active) throw new Error('No embedding model is active');
        const building = models.filter((model) => !model.active && model.buildStartedAt !== null);
        this.unloadUnused(new Set([active.id, ...building.map((model) => model.id)]));
        return { active, building };
      });
      // A failed read is not kept: the next call reads again.
      reading.catch(() => {
        if (this.choice === reading) this.choice = undefined;
      });
      this.choice = reading;
    }
    return this.choice;
  }

  /** Its runtime, with the record as just read (a loaded runtime's own is as it was at loading). */
  private async load(model: EmbeddingModelRecord): Promise<LoadedModel> {
    return { ...(await this.loadOnce(model)), model };
  }

  private loadOnce(model: EmbeddingModelRecord): Promise<LoadedModel> {
    const timer = this.unloading.get(model.id);
    if (timer) {
      clearTimeout(timer);
      this.unloading.delete(model.id);
    }
    let loading = this.loaded.get(model.id);
    if (!loading) {
      loading = this.options.load(model);
      this.loaded.set(model.id, loading);
      loading.then(
        (loaded) => {
          this.ready.set(model.id, loaded);
          this.options.logger.info({ embeddingModel: model.name }, `embedding model ${model.name} loaded`);
        },
        () => this.loaded.delete(model.id),
      );
    }
    return loading;
  }

  private unloadUnused(inUse: ReadonlySet<number>): void {
    for (const id of this.loaded.keys()) {
      if (inUse.has(id) || this.unloading.has(id)) continue;
      const timer = setTimeout(() => {
        this.unloading.delete(id);
        const model = this.loaded.get(id);
        this.loaded.delete(id);
        this.ready.delete(id);
        void model?.then((loaded) => loaded.close()).catch(() => undefined);
      }, this.options.unloadAfterMs ?? 60_000);
      timer.unref();
      this.unloading.set(id, timer);
    }
  }
}
