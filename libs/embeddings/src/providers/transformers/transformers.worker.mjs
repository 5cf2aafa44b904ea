// Worker thread: one transformers.js feature-extraction pipeline, loaded on the first request.
// Plain JavaScript on purpose: workers start from a file Node runs as is, in source and in builds.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { AutoTokenizer, env, pipeline } from '@xenova/transformers';

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
    extractor = pipeline('feature-extraction', workerData.modelId, { quantized: workerData.quantized });
    extractor.catch(() => {
      extractor = undefined;
    });
  }
  return extractor;
}

function loadTokenizer() {
  if (!tokenizer) {
    tokenizer = AutoTokenizer.from_pretrained(workerData.modelId);
    tokenizer.catch(() => {
      tokenizer = undefined;
    });
  }
  return tokenizer;
}

// The pool may hand this worker its next request early: run them one at a time, in order, so
// two model calls never share this thread's core.
let previous = Promise.resolve();
parentPort.on('message', (message) => {
  previous = previous.then(() => handle(message));
});

async function handle({ id, request }) {
  try {
    if (request.type === 'countTokens') {
      const loaded = await loadTokenizer();
      const counts = request.texts.map((text) => loaded.encode(text).length);
      parentPort.postMessage({ id, ok: true, result: { counts } });
      return;
    }
    const model = await loadExtractor();
    const output = await model(request.texts, { pooling: 'mean', normalize: true });
    const data = Float32Array.from(output.data);
    parentPort.postMessage({ id, ok: true, result: { data, dimension: output.dims[1], loads, threadId } }, [data.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}
