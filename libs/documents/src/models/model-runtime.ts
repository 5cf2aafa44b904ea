import type { EmbeddingEngine } from '@docent/embeddings';
import type { EmbeddingModelRecord } from '@docent/persistence';
import type { Chunker } from '../chunking/chunker';

/** One embedding model, ready to use: its database record, its engine, and a chunker cut to its token budget. */
export interface ModelRuntime {
  /** Recorded on every chunk it embeds; search reads the chunks of the active one. */
  readonly model: EmbeddingModelRecord;
  readonly engine: Pick<EmbeddingEngine, 'generateEmbeddingsBatch' | 'embedQuery'>;
  readonly chunker: Chunker;
}

/**
 * The models a process serves. Which one is active can change while it runs (an admin promotes
 * another, or rolls back), so services ask for it per search or per batch instead of keeping one.
 */
export interface ModelRuntimes {
  /** The model search reads and new documents are embedded with. */
  active(): Promise<ModelRuntime>;
  /** The models being built by a re-embedding run that this process can serve (usually none). */
  building(): Promise<ModelRuntime[]>;
}

/** One model that never changes and no runs: embedded uses, tests and benchmarks. */
export function fixedModel(runtime: ModelRuntime): ModelRuntimes {
  return { active: async () => runtime, building: async () => [] };
}
