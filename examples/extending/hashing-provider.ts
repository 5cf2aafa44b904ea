import { createHash } from 'node:crypto';
import type { EmbeddingProvider } from '@docent/embeddings';

/**
 * An embedding provider without a model: each word is hashed into one of `dimension` buckets
 * with a sign (the hashing trick), and the vector is L2-normalized. Texts sharing words point
 * the same way. It stands in for whatever you plug in: a service, another runtime, a model.
 */
export class HashingProvider implements EmbeddingProvider {
  readonly modelName = 'example/hashing-256';
  readonly runtime = 'node:crypto';
  readonly dimension = 256;
  readonly maxInputTokens = 512;

  async embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
      const vector = new Float32Array(this.dimension);
      for (const word of words(text)) {
        const hash = createHash('sha1').update(word).digest();
        const bucket = hash.readUInt16BE(0) % this.dimension;
        vector[bucket] = (vector[bucket] ?? 0) + (hash.readUInt8(2) & 1 ? 1 : -1);
      }
      const norm = Math.hypot(...vector) || 1;
      return vector.map((value) => value / norm);
    });
  }

  /** Words are this provider's tokens; the chunker cuts documents by them. */
  async countTokens(texts: readonly string[]): Promise<number[]> {
    return texts.map((text) => words(text).length);
  }

  describe(): string {
    return `${this.modelName} (feature hashing, ${this.dimension}-d)`;
  }
}

function words(text: string): string[] {
  return text.toLowerCase().match(/\p{L}[\p{L}\p{N}]*/gu) ?? [];
}
