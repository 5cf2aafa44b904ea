// Worker thread: one transformers.js feature-extraction pipeline, loaded on the first request.
// Plain JavaScript on purpose: workers start from a file Node runs as is, in source and in builds.
import { threadId, workerData } from 'node:worker_threads';
import { AutoTokenizer, env, pipeline } from '@xenova/transformers';
import workerProtocol from '../../threads/serve-requests.cjs';

const { serveRequests } = workerProtocol;

env.allowRemoteModels = workerData.allowRemoteModels;
env.allowLocalModels = true;
env.localModelPath = workerData.modelsDir.endsWith('/') ? workerData.modelsDir : `${workerData.modelsDir}/`;
if (workerData.cacheDir) env.cacheDir = workerData.cacheDir;

/** @type {Promise<any> | undefined} */
let extractor;
/** @type {Promise<any> | undefined} */
let tokenizer;
let loads = 0;

/** The model, loaded on the first embedding request (a thread that only counts tokens never loads it). */
function loadExtractor() {
  if (!extractor) {
    loads++;
    extractor = pipeline('feature-extraction', workerData.modelName, { quantized: workerData.quantized });
    extractor.catch(() => {
      extractor = undefined;
    });
  }
  return extractor;
}

function loadTokenizer() {
  if (!tokenizer) {
    tokenizer = AutoTokenizer.from_pretrained(workerData.modelName);
    tokenizer.catch(() => {
      tokenizer = undefined;
    });
  }
  return tokenizer;
}

serveRequests(async (request) => {
  if (request.type === 'countTokens') {
    const loaded = await loadTokenizer();
    return { result: { counts: request.texts.map((text) => loaded.encode(text).length) } };
  }
  const model = await loadExtractor();
  const output = await model(request.texts, { pooling: 'mean', normalize: true });
  const data = Float32Array.from(output.data);
  return { result: { data, dimension: output.dims[1], loads, threadId }, transfer: [data.buffer] };
});
