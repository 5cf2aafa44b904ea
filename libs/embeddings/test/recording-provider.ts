import type { EmbeddingProvider } from '../src';

/** Wraps a real provider and records what reaches it, so tests can see what the model was asked. */
export class RecordingProvider implements EmbeddingProvider {
  readonly calls: string[][] = [];

  constructor(private readonly inner: EmbeddingProvider) {}

  get modelName() {
    return this.inner.modelName;
  }
  get runtime() {
    return this.inner.runtime;
  }
  get dimension() {
    return this.inner.dimension;
  }
  get maxInputTokens() {
    return this.inner.maxInputTokens;
  }
  get parallelism() {
    return this.inner.parallelism ?? 1;
  }

  embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    this.calls.push([...texts]);
    return this.inner.embedBatch(texts);
  }

  countTokens(texts: readonly string[]): Promise<number[]> {
    return this.inner.countTokens(texts);
  }

  describe(): string {
    return `${this.inner.describe()}, recorded`;
  }

  close(): Promise<void> {
    return this.inner.close?.() ?? Promise.resolve();
  }
}
