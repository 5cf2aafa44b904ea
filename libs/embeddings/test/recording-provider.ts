import type { EmbeddingProvider } from '../src';

/** Wraps a real provider and records what reaches it, so tests can see what the model was asked. */
export class RecordingProvider implements EmbeddingProvider {
  readonly calls: string[][] = [];

  constructor(private readonly inner: EmbeddingProvider) {}

  get modelId() {
    return this.inner.modelId;
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

  close(): Promise<void> {
    return this.inner.close?.() ?? Promise.resolve();
  }
}
