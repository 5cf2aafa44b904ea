import type { EmbeddingProvider } from '../../embedding-provider';
import { type HttpEmbeddingOptions, requestEmbeddings } from './embeddings-request';

export interface OpenAICompatibleProviderOptions extends HttpEmbeddingOptions {
  /** The model as the server names it, e.g. `text-embedding-3-small`, `nomic-embed-text`. Recorded with every vector. */
  model: string;
  /** Expected vector size. Without it, the first response decides; with it, a server that disagrees is refused. */
  dimension?: number;
  /** Longest input the model takes, in tokens (default 512); the chunker cuts documents to it. */
  maxInputTokens?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
}

/**
 * Any server that speaks OpenAI's `POST /v1/embeddings` (OpenAI, Ollama, vLLM, Text Embeddings
 * Inference, LocalAI): batches split to the server's limit, retries with backoff on 429, 5xx and
 * dropped connections, every response checked for count and dimension, vectors L2-normalized.
 * Connects once to learn (or check) the dimension, so a wrong URL, key or model fails at start.
 */
export async function connectOpenAICompatibleProvider(options: OpenAICompatibleProviderOptions): Promise<EmbeddingProvider> {
  const [probe] = await requestEmbeddings(options, options.model, ['dimension probe']);
  const dimension = probe?.length ?? 0;
  if (options.dimension !== undefined && dimension !== options.dimension) {
    throw new Error(`${options.model} at ${options.baseUrl} returns ${dimension}-d vectors, but ${options.dimension} were configured (EMBEDDING_DIMENSION)`);
  }
  return new OpenAICompatibleProvider(options, dimension);
}

class OpenAICompatibleProvider implements EmbeddingProvider {
  readonly modelName: string;
  readonly runtime = 'openai-compatible-http';
  readonly maxInputTokens: number;
  readonly parallelism: number;

  constructor(
    private readonly options: OpenAICompatibleProviderOptions,
    readonly dimension: number,
  ) {
    this.modelName = options.model;
    this.maxInputTokens = options.maxInputTokens ?? 512;
    this.parallelism = options.concurrency ?? 4;
  }

  async embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors = await requestEmbeddings(this.options, this.modelName, texts);
    return vectors.map((vector) => {
      if (vector.length !== this.dimension) {
        throw new Error(`${this.modelName} at ${this.options.baseUrl} returned a ${vector.length}-d vector; it returned ${this.dimension}-d ones before`);
      }
      return normalized(vector);
    });
  }

  /**
   * The server's tokenizer is out of reach, so this estimates, erring high as the chunker needs:
   * one token per 3 UTF-16 units (subword tokenizers average about 4 characters a token on
   * English text) plus 2 for the special tokens most models add.
   */
  async countTokens(texts: readonly string[]): Promise<number[]> {
    return texts.map((text) => Math.ceil(text.length / 3) + 2);
  }

  describe(): string {
    return `${this.modelName} via ${this.options.baseUrl} (OpenAI-compatible /v1/embeddings, ${this.dimension}-d)`;
  }
}

function normalized(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  return norm > 0 ? vector.map((value) => value / norm) : vector;
}
