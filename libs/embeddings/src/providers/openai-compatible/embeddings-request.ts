import { setTimeout as sleep } from 'node:timers/promises';

export interface HttpEmbeddingOptions {
  /** The server's base URL, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`; `/embeddings` is appended. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; never logged. */
  apiKey?: string;
  /** Most inputs per request (default 64): larger batches are split. */
  maxBatchSize?: number;
  /** Per request, in ms (default 30 s). */
  timeoutMs?: number;
  /** Retries after a 429, a 5xx, a timeout or a dropped connection (default 4), with exponential backoff. */
  maxRetries?: number;
  /** The first backoff, in ms (default 500); doubled each retry, or the server's Retry-After. */
  backoffMs?: number;
}

/** An answer the server should not have given, or gave too often: retrying will not help. */
class EmbeddingServerError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'EmbeddingServerError';
  }
}

/** Embeds `texts` in requests of at most `maxBatchSize`, one after the other; vectors in input order. */
export async function requestEmbeddings(options: HttpEmbeddingOptions, model: string, texts: readonly string[]): Promise<Float32Array[]> {
  const size = options.maxBatchSize ?? 64;
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += size) vectors.push(...(await withRetries(options, () => post(options, model, texts.slice(start, start + size)))));
  return vectors;
}

async function withRetries<T>(options: HttpEmbeddingOptions, attempt: () => Promise<T>): Promise<T> {
  const retries = options.maxRetries ?? 4;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const retryable = !(error instanceof EmbeddingServerError) || error.retryable;
      if (!retryable || tries >= retries) throw describeFailure(error, options, tries);
      const backoff = (options.backoffMs ?? 500) * 2 ** tries;
      const retryAfter = error instanceof EmbeddingServerError ? error.retryAfterMs : undefined;
      // Jitter keeps many workers from retrying in step.
      await sleep(Math.min(60_000, retryAfter ?? backoff * (0.5 + Math.random() / 2)));
    }
  }
}

async function post(options: HttpEmbeddingOptions, model: string, input: readonly string[]): Promise<Float32Array[]> {
  const response = await fetch(`${options.baseUrl.replace(/\/+$/, '')}/embeddings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
    body: JSON.stringify({ model, input, encoding_format: 'float' }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  if (!response.ok) {
    const body = (await response.text().catch(() => '')).slice(0, 300);
    const retryable = response.status === 429 || response.status >= 500;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new EmbeddingServerError(`HTTP ${response.status}${body ? `: ${body}` : ''}`, retryable, Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined);
  }
  return parseVectors(await response.json(), input.length);
}

/** The `data` of an embeddings response, ordered by `index`, checked for count and shape. */
function parseVectors(body: unknown, expected: number): Float32Array[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new EmbeddingServerError('the response has no `data` list', false);
  if (data.length !== expected) throw new EmbeddingServerError(`${data.length} embeddings came back for ${expected} inputs`, false);
  const vectors = new Array<Float32Array>(expected);
  data.forEach((item: { index?: unknown; embedding?: unknown }, position) => {
    const index = typeof item?.index === 'number' ? item.index : position;
    if (!Array.isArray(item?.embedding) || !item.embedding.every((value) => typeof value === 'number' && Number.isFinite(value)) || vectors[index] || index >= expected) {
      throw new EmbeddingServerError(`embedding ${index} is not a list of numbers (or its index repeats)`, false);
    }
    vectors[index] = Float32Array.from(item.embedding as number[]);
  });
  return vectors;
}

function describeFailure(error: unknown, options: HttpEmbeddingOptions, retries: number): Error {
  // fetch's timeout is a DOMException, which need not be an Error of this realm: go by its name.
  const { name, message, cause } = (error ?? {}) as { name?: string; message?: string; cause?: { message?: string } };
  const reason = name === 'TimeoutError' ? `no answer within ${options.timeoutMs ?? 30_000} ms` : (cause?.message ?? message ?? String(error));
  const after = retries > 0 ? ` (after ${retries} ${retries === 1 ? 'retry' : 'retries'})` : '';
  return new Error(`The embedding server at ${options.baseUrl} failed${after}: ${reason}`, { cause: error });
}
