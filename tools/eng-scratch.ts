import { EmbeddingEngine, createTransformersProvider } from '@docent/embeddings';
import { ensureFixtureModel } from '@docent/embeddings/testing';
async function main() {
  const model = ensureFixtureModel('tiny');
  for (let i = 0; i < 12; i++) {
    const provider = createTransformersProvider({ modelId: model.modelId, modelsDir: model.modelsDir, dimension: 32, maxInputTokens: 128, quantized: true, workers: 1, allowRemoteModels: false });
    const engine = new EmbeddingEngine(provider, {});
    await engine.generateEmbeddingsBatch(['hello world', 'second text']);
    await engine.close();
    process.stdout.write(`${i} `);
  }
  console.log('done');
}
main();
