// Generates the untrained fixture models (tiny and MiniLM-L6-shaped) into the cache folder.
//   node -r @swc-node/register tools/models/generate-fixture-models.ts [tiny|minilm ...]
import { FIXTURE_MODELS, type FixtureModelName, ensureFixtureModel } from '@docent/embeddings/testing';

const requested = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(FIXTURE_MODELS)) as FixtureModelName[];
for (const name of requested) {
  if (!(name in FIXTURE_MODELS)) throw new Error(`Unknown fixture model "${name}"; known: ${Object.keys(FIXTURE_MODELS).join(', ')}`);
  const start = Date.now();
  const model = ensureFixtureModel(name);
  console.log(`${model.modelName} (${model.dimension}-d) ready in ${model.modelsDir} after ${Date.now() - start} ms`);
}
