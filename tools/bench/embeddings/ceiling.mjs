// The ceiling for the embedding engine: a bare onnxruntime-node session (one thread) running
// pre-tokenized, length-sorted, padded batches. Only session.run is timed. Runs in its own
// process (see run.ts) so onnxruntime is never loaded twice in one process.
//   node ceiling.mjs <modelsDir> <modelId> <quantized> <batchSize> <textsFile>
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer, env } from '@xenova/transformers';
import ort from 'onnxruntime-node';

const [modelsDir, modelId, quantized, batchSizeText, textsFile] = process.argv.slice(2);
env.allowRemoteModels = false;
env.localModelPath = `${modelsDir}/`;
const texts = JSON.parse(readFileSync(textsFile, 'utf8'));
const batchSize = Number(batchSizeText);
const tokenizer = await AutoTokenizer.from_pretrained(modelId);
const session = await ort.InferenceSession.create(path.join(modelsDir, modelId, 'onnx', quantized === 'true' ? 'model_quantized.onnx' : 'model.onnx'));

const encoded = texts.map((text) => Array.from(tokenizer.encode(text), Number).slice(0, 256));
encoded.sort((a, b) => a.length - b.length);
const batches = [];
for (let i = 0; i < encoded.length; i += batchSize) {
  const rows = encoded.slice(i, i + batchSize);
  const width = Math.max(...rows.map((row) => row.length));
  const ids = new BigInt64Array(rows.length * width);
  const mask = new BigInt64Array(rows.length * width);
  rows.forEach((row, r) => row.forEach((id, c) => {
    ids[r * width + c] = BigInt(id);
    mask[r * width + c] = 1n;
  }));
  const dims = [rows.length, width];
  batches.push({
    input_ids: new ort.Tensor('int64', ids, dims),
    attention_mask: new ort.Tensor('int64', mask, dims),
    token_type_ids: new ort.Tensor('int64', new BigInt64Array(rows.length * width), dims),
  });
}
await session.run(batches[0]);
const start = process.hrtime.bigint();
for (const feeds of batches) await session.run(feeds);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const tokens = encoded.reduce((sum, row) => sum + row.length, 0);
console.log(JSON.stringify({ texts: texts.length, tokens, seconds }));
