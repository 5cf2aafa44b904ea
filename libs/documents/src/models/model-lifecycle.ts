import { DocentError } from '@docent/common';
import { type Database, type EmbeddingModelRecord, ModelIncompleteError, type ModelCoverage, type NewEmbeddingModel } from '@docent/persistence';

/** Learns a model's dimension by loading it here, by runtime and name; rejects when it cannot be loaded. */
export type ModelInspector = (model: { provider: string; name: string }) => Promise<NewEmbeddingModel>;

const MODEL_NAME = /^(?=.{1,200}$)[\w.-]+(\/[\w.-]+)?$/;

export type ModelState = 'ACTIVE' | 'BUILDING' | 'STANDBY';

export interface ReembeddingProgress extends ModelCoverage {
  model: EmbeddingModelRecord;
  /** Documents re-embedded per second since the run started; null before the first one. */
  documentsPerSecond: number | null;
  /** Seconds left at that rate; null when unknown. */
  etaSeconds: number | null;
  /** It covers every READY document: it can be promoted. */
  complete: boolean;
}

/**
 * Switching embedding models without losing search, as an admin operation: register a model,
 * build it in the background (a re-embedding run, served by the document workers) while the
 * active one keeps answering, promote it once it covers every READY document, roll back, and
 * delete a model's vectors when they are no longer wanted.
 */
export class ModelLifecycle {
  constructor(
    private readonly db: Pick<Database, 'embeddingModels' | 'transaction'>,
    private readonly inspect: ModelInspector,
    /** Called after every change of the active model or the runs, so this process follows at once (others within a second). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  list(): Promise<EmbeddingModelRecord[]> {
    return this.db.embeddingModels.list();
  }

  /** Records a model after loading it here (which tells its dimension); registering it again returns it. */
  async register(spec: { provider: string; name: string }): Promise<EmbeddingModelRecord> {
    // The name becomes a path under the models folder: no way out of it.
    if (!MODEL_NAME.test(spec.name) || spec.name.split('/').some((part) => part === '.' || part === '..')) {
      throw new DocentError('BAD_USER_INPUT', 'A model name is `name` or `org/name`: letters, digits, `.`, `_` and `-`, at most 200 characters', { field: 'name' });
    }
    const known = await this.db.embeddingModels.findByName(spec.name);
    if (known) {
      if (known.provider !== spec.provider) throw new DocentError('BAD_USER_INPUT', `${spec.name} is registered with the provider ${known.provider}`, { field: 'provider' });
      return known;
    }
    let model: NewEmbeddingModel;
    try {
      model = await this.inspect(spec);
    } catch (error) {
      throw new DocentError('BAD_USER_INPUT', `Cannot load ${spec.name} (${spec.provider}) here: ${error instanceof Error ? error.message : String(error)}`, { field: 'name' });
    }
    return this.db.embeddingModels.register(model);
  }

  /** Starts building a model (or resumes its failed documents); the workers take its tasks next to new documents. */
  async startReembedding(name: string): Promise<ReembeddingProgress> {
    const model = await this.find(name);
    if (model.active) throw new DocentError('PRECONDITION_FAILED', `${name} is the active model: its vectors are kept up to date already`);
    await this.db.embeddingModels.startBuild(model.id);
    this.onChange();
    return this.progress(name);
  }

  /** Stops a run; the vectors it wrote stay, and starting it again continues from them. */
  async cancelReembedding(name: string): Promise<ReembeddingProgress> {
    const model = await this.find(name);
    await this.db.embeddingModels.stopBuild(model.id);
    this.onChange();
    return this.progress(name);
  }

  async progress(name: string): Promise<ReembeddingProgress> {
    const model = await this.find(name);
    const coverage = await this.db.embeddingModels.coverage(model.id);
    const done = coverage.covered - coverage.coveredAtStart;
    const seconds = model.buildStartedAt ? (Date.now() - model.buildStartedAt.getTime()) / 1000 : 0;
    const documentsPerSecond = model.buildStartedAt && done > 0 && seconds > 0 ? done / seconds : null;
    const left = coverage.documents - coverage.covered;
    return {
      ...coverage,
      model,
      documentsPerSecond,
      etaSeconds: left === 0 ? 0 : documentsPerSecond ? left / documentsPerSecond : null,
      complete: left === 0,
    };
  }

  /** Makes a model the one search reads, if it covers every READY document. */
  async promote(name: string): Promise<EmbeddingModelRecord> {
    const model = await this.find(name);
    try {
      const promoted = await this.db.transaction((tx) => tx.embeddingModels.promote(model.id));
      this.onChange();
      return promoted;
    } catch (error) {
      if (!(error instanceof ModelIncompleteError)) throw error;
      throw new DocentError('PRECONDITION_FAILED', `${error.message}: let its run finish (reembeddingProgress), then promote it`, { missing: error.missing });
    }
  }

  /** Goes back to the model that was active before; like a promotion, only if it covers every READY document. */
  async rollback(): Promise<EmbeddingModelRecord> {
    const previous = await this.db.embeddingModels.findPrevious();
    if (!previous) throw new DocentError('PRECONDITION_FAILED', 'No model was active before this one');
    return this.promote(previous.name);
  }

  /** Deletes a model that is not active, its vectors and its index; returns how many chunks went. */
  async delete(name: string): Promise<number> {
    const model = await this.find(name);
    if (model.active) throw new DocentError('PRECONDITION_FAILED', `${name} is the active model: promote another one first`);
    const deleted = await this.db.transaction((tx) => tx.embeddingModels.delete(model.id), { timeoutMs: 600_000 });
    this.onChange();
    return deleted;
  }

  private async find(name: string): Promise<EmbeddingModelRecord> {
    const model = await this.db.embeddingModels.findByName(name);
    if (!model) throw new DocentError('NOT_FOUND', `No embedding model named ${JSON.stringify(name.slice(0, 200))} is registered`, { field: 'model' });
    return model;
  }
}

/** What a model is doing now. */
export function modelState(model: EmbeddingModelRecord): ModelState {
  if (model.active) return 'ACTIVE';
  return model.buildStartedAt ? 'BUILDING' : 'STANDBY';
}
