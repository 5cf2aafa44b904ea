// The reference the transformers provider is held to: transformers.js's own feature-extraction
// pipeline (mean pooling, normalized), run in a process of its own. Prints one JSON array of
// vectors for the texts given as a JSON array on stdin.
//   node pipeline-reference.mjs <modelsDir> <modelName> <quantized>
import { readFileSync } from 'node:fs';
import { env, pipeline } from '@xenova/transformers';

const [modelsDir, modelName, quantized] = process.argv.slice(2);
env.allowRemoteModels = false;
env.localModelPath = `${modelsDir}/`;
const texts = JSON.parse(readFileSync(0, 'utf8'));
const extractor = await pipeline('feature-extraction', modelName, { quantized: quantized === 'true' });
const output = await extractor(texts, { pooling: 'mean', normalize: true });
const [rows, dimension] = output.dims;
const vectors = Array.from({ length: rows }, (_, row) => Array.from(output.data.subarray(row * dimension, (row + 1) * dimension)));
process.stdout.write(JSON.stringify(vectors));
