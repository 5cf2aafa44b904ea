import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmbeddingProvider } from '../src';

/** What the next request gets instead of an answer. */
export type Fault = { status: number; retryAfterSeconds?: number } | { delayMs: number } | { drop: true } | { dimension: number };

export interface EmbeddingServer {
  url: string;
  /** Every request's input count and Authorization header. */
  requests: { inputs: number; authorization: string | undefined }[];
  /** Faults for the next requests, in order; requests past them are answered normally. */
  faults: Fault[];
  close(): Promise<void>;
}

/**
 * A real HTTP server speaking OpenAI's `POST /v1/embeddings`, embedding with a Docent provider
 * (the tests use the transformers.js fixture), with the limits and faults real servers have.
 */
export async function startEmbeddingServer(provider: EmbeddingProvider, options: { apiKey: string; maxInputs: number }): Promise<EmbeddingServer> {
  const requests: EmbeddingServer['requests'] = [];
  const faults: Fault[] = [];
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const body = JSON.parse(await readBody(request)) as { model?: string; input?: string[] };
    const input = body.input ?? [];
    requests.push({ inputs: input.length, authorization: request.headers.authorization });
    const fault = faults.shift();
    if (fault && 'drop' in fault) return request.socket.destroy();
    if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault && 'status' in fault) {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return json(response, fault.status, { error: { message: `injected ${fault.status}` } }, headers);
    }
    if (request.headers.authorization !== `Bearer ${options.apiKey}`) return json(response, 401, { error: { message: 'Incorrect API key provided' } });
    if (input.length > options.maxInputs) return json(response, 413, { error: { message: `at most ${options.maxInputs} inputs` } });
    const vectors = await provider.embedBatch(input);
    const dimension = fault && 'dimension' in fault ? fault.dimension : provider.dimension;
    // Real servers list embeddings by index, not necessarily in order: answer in reverse.
    const data = vectors.map((vector, index) => ({ object: 'embedding', index, embedding: [...vector.slice(0, dimension)] })).reverse();
    json(response, 200, { object: 'list', model: body.model, data, usage: { prompt_tokens: 0, total_tokens: 0 } });
  };
  const server: Server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => json(response, 500, { error: { message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    faults,
    close: () => {
      // Keep-alive connections (and requests still being delayed) would hold close() for seconds.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
