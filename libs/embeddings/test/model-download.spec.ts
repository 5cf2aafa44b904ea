import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_EMBEDDINGS_CONFIG, downloadModel, resolveEmbeddingProvider } from '../src';
import { FIXTURE_MODELS, ensureFixtureModel } from '../src/testing';

const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];

/** A hub laid out like huggingface.co (`/<model>/resolve/main/<file>`), serving the generated fixture model's files. */
async function startHub(options: { dropFile?: string } = {}): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const fixture = ensureFixtureModel('tiny');
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const match = /^\/(.+?)\/resolve\/main\/(.+)$/.exec(request.url ?? '');
    const file = match && path.join(fixture.modelsDir, ...match[1]!.split('/'), match[2]!);
    if (!match || match[1] !== FIXTURE_MODELS.tiny.id || !file || !existsSync(file)) return void response.writeHead(404).end('Entry not found');
    const body = readFileSync(file);
    response.writeHead(200, { 'content-length': body.length });
    // A connection that drops halfway through one file, as flaky networks do.
    if (match[2] === options.dropFile) return void response.write(body.subarray(0, body.length / 2), () => response.destroy());
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const options = (hubUrl: string, modelsDir: string) => ({ modelName: FIXTURE_MODELS.tiny.id, modelsDir, quantized: true, hubUrl });

describe('downloading a transformers.js model from a hub', () => {
  it('fetches every file the model needs into the models folder, byte for byte, and keeps what is there', async () => {
    const hub = await startHub();
    const modelsDir = mkdtempSync(path.join(tmpdir(), 'docent-models-'));
    try {
      const first = await downloadModel(options(hub.url, modelsDir));
      const again = await downloadModel(options(hub.url, modelsDir));

      expect(first).toEqual({ downloaded: FILES, present: [] });
      expect(again).toEqual({ downloaded: [], present: FILES });
      const source = ensureFixtureModel('tiny');
      for (const file of FILES) {
        expect(readFileSync(path.join(modelsDir, FIXTURE_MODELS.tiny.id, file)).equals(readFileSync(path.join(source.modelsDir, FIXTURE_MODELS.tiny.id, file)))).toBe(true);
      }
    } finally {
      await hub.close();
    }
  });

  it('leaves no truncated file when the connection drops, and says which file', async () => {
    const hub = await startHub({ dropFile: 'onnx/model_quantized.onnx' });
    const modelsDir = mkdtempSync(path.join(tmpdir(), 'docent-models-'));
    try {
      await expect(downloadModel(options(hub.url, modelsDir))).rejects.toThrow(/onnx\/model_quantized\.onnx was interrupted/);
      expect(existsSync(path.join(modelsDir, FIXTURE_MODELS.tiny.id, 'onnx', 'model_quantized.onnx'))).toBe(false);
      expect(existsSync(path.join(modelsDir, FIXTURE_MODELS.tiny.id, 'onnx', 'model_quantized.onnx.part'))).toBe(false);
    } finally {
      await hub.close();
    }
  });

  it('lets EMBEDDING_PROVIDER=auto fetch the model at start when the hub answers, and serve it from the local folder', async () => {
    const hub = await startHub();
    const modelsDir = mkdtempSync(path.join(tmpdir(), 'docent-models-'));
    try {
      const { provider, reason } = await resolveEmbeddingProvider({ ...DEFAULT_EMBEDDINGS_CONFIG, ...options(hub.url, modelsDir), provider: 'auto', allowRemoteModels: true, threads: 1 });

      expect(reason).toBe(`${FIXTURE_MODELS.tiny.id} is not in ${modelsDir} (missing ${FILES.join(', ')}); downloaded it from ${hub.url} into ${modelsDir}`);
      expect(provider.modelName).toBe(FIXTURE_MODELS.tiny.id);
      expect((await provider.embedBatch(['offline from now on']))[0]).toHaveLength(32);
      await provider.close?.();
    } finally {
      await hub.close();
    }
  });
});
