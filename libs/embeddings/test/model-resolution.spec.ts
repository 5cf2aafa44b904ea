import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_EMBEDDINGS_CONFIG, type EmbeddingsConfig, USE_LITE_MODEL_ID, resolveEmbeddingProvider } from '../src';
import { FIXTURE_MODELS, ensureFixtureModel } from '../src/testing';

function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  return {
    lines,
    info: (fields: object, message: string) => lines.push({ level: 'info', fields: fields as Record<string, unknown>, message }),
    warn: (fields: object, message: string) => lines.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
  };
}

const emptyDir = () => mkdtempSync(path.join(tmpdir(), 'docent-no-models-'));
const config = (overrides: Partial<EmbeddingsConfig>): EmbeddingsConfig => ({ ...DEFAULT_EMBEDDINGS_CONFIG, threads: 1, ...overrides });

describe('resolveEmbeddingProvider', () => {
  it('uses the configured transformers.js model when its files are in the models folder', async () => {
    const fixture = ensureFixtureModel('tiny');
    const logger = recordingLogger();

    const { provider, reason } = await resolveEmbeddingProvider(config({ modelName: fixture.modelName, modelsDir: fixture.modelsDir }), logger);

    expect(provider.modelName).toBe(FIXTURE_MODELS.tiny.id);
    expect(provider.dimension).toBe(32);
    expect(provider.maxInputTokens).toBe(128);
    expect(reason).toBe(`found in ${fixture.modelsDir}`);
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'info', fields: expect.objectContaining({ model: fixture.modelName, dimension: 32 }) }),
    ]);
    expect((await provider.embedBatch(['resolved and working']))[0]).toHaveLength(32);
  });

  it('falls back to the bundled pretrained encoder, loudly, when the model is not local and downloads are off', async () => {
    const logger = recordingLogger();
    const modelsDir = emptyDir();

    const { provider, reason } = await resolveEmbeddingProvider(config({ modelsDir }), logger);

    expect(provider.modelName).toBe(USE_LITE_MODEL_ID);
    expect(provider.dimension).toBe(512);
    expect(reason).toContain(`Xenova/all-MiniLM-L6-v2 is not in ${modelsDir} (missing config.json, tokenizer.json`);
    expect(logger.lines[0]?.level).toBe('warn');
    expect(logger.lines[0]?.message).toContain('Universal Sentence Encoder lite');
    await provider.close?.();
  });

  it('falls back when downloads are allowed but the hub does not answer', async () => {
    const { provider, reason } = await resolveEmbeddingProvider(config({ modelsDir: emptyDir(), allowRemoteModels: true, hubUrl: 'http://127.0.0.1:9' }));

    expect(provider.modelName).toBe(USE_LITE_MODEL_ID);
    expect(reason).toContain('http://127.0.0.1:9 did not answer');
    await provider.close?.();
  });

  it('refuses to start when transformers.js is required and its model cannot be had', async () => {
    await expect(resolveEmbeddingProvider(config({ provider: 'transformers', modelsDir: emptyDir() }))).rejects.toThrow(
      /Xenova\/all-MiniLM-L6-v2 is not in .* and downloads are off/,
    );
  });
});
