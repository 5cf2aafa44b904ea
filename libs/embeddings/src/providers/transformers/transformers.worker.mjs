// Worker thread: a transformers.js tokenizer and the model's onnxruntime-node session (one
// intra-op thread), loaded on the first request.
// Plain JavaScript on purpose: workers start from a file Node runs as is, in source and in builds.
//
// Why not transformers.js's feature-extraction pipeline: it gives the session no options (so
// every worker's session starts a thread per core and they contend), and its mean pooling reads
// the attention mask as BigInts once per dimension. The pipeline spent 27% of its time outside
// the model; this file does the same tokenization, pooling and normalization with the same
// arithmetic (the vectors are bit for bit the pipeline's; see transformers-provider.spec.ts).
import { threadId, workerData } from 'node:worker_threads';
// The tokenizer and settings modules only: the package's entry point also loads its models,
// pipelines and image processing (sharp), about 17 MB more in every thread, none of it used here.
import { env } from '@xenova/transformers/src/env.js';
import { AutoTokenizer } from '@xenova/transformers/src/tokenizers.js';
import ort from 'onnxruntime-node';
import paddedRuns from '../../threads/padded-runs.cjs';
import workerProtocol from '../../threads/serve-requests.cjs';

const { serveRequests } = workerProtocol;
const { embedInRuns } = paddedRuns;

env.allowRemoteModels = workerData.allowRemoteModels;
env.allowLocalModels = true;
env.localModelPath = workerData.modelsDir.endsWith('/') ? workerData.modelsDir : `${workerData.modelsDir}/`;
if (workerData.cacheDir) env.cacheDir = workerData.cacheDir;

/** @type {Promise<any> | undefined} */
let session;
/** @type {Promise<any> | undefined} */
let tokenizer;
let loads = 0;

/** The model, loaded on the first embedding request (a thread that only counts tokens never loads it). */
function loadSession() {
  if (!session) {
    loads++;
    // From the file, so the weights are never held in a JavaScript buffer as well.
    session = ort.InferenceSession.create(workerData.modelFile, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    session.catch(() => {
      session = undefined;
    });
  }
  return session;
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

/**
 * A batch in runs of at most `workerData.maxBatchTokens` padded tokens (see padded-runs.cjs), each
 * text's vector written back at its own place.
 */
async function embed(texts) {
  const [model, loadedTokenizer] = await Promise.all([loadSession(), loadTokenizer()]);
  const limit = loadedTokenizer.model_max_length;
  const lengths = texts.map((text) => {
    const tokens = loadedTokenizer.encode(text).length;
    return Number.isFinite(limit) ? Math.min(tokens, limit) : tokens;
  });
  return embedInRuns(lengths, workerData.maxBatchTokens, (run) => embedPadded(model, loadedTokenizer, run.map((index) => texts[index])));
}

/** One padded model run: token vectors averaged over each text's own tokens, then scaled to unit length. */
async function embedPadded(model, loadedTokenizer, texts) {
  const inputs = loadedTokenizer(texts, { padding: true, truncation: true });
  const feeds = {};
  for (const name of model.inputNames) {
    const tensor = inputs[name];
    if (tensor) feeds[name] = new ort.Tensor('int64', tensor.data, tensor.dims);
    // As transformers.js does for tokenizers that make no segment ids: all zeros.
    else if (name === 'token_type_ids') feeds[name] = new ort.Tensor('int64', new BigInt64Array(inputs.input_ids.data.length), inputs.input_ids.dims);
    else throw new Error(`The model needs an input "${name}" its tokenizer does not make`);
  }
  const outputs = await model.run(feeds);
  // The name transformers.js reads first; sentence-transformers exports call it token_embeddings.
  const tokens = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
  if (!tokens) throw new Error(`The model has none of the outputs last_hidden_state, logits, token_embeddings (it has ${model.outputNames.join(', ')})`);
  const [rows, width, dimension] = tokens.dims;
  const data = meanPool(tokens.data, inputs.attention_mask.data, rows, width, dimension);
  normalizeAsTransformersDoes(data, rows, dimension);
  return { data, dimension };
}

/**
 * The mean of each row's token vectors where its mask is 1, summed in the order transformers.js
 * sums them (token by token, in doubles), so the result is the same to the bit.
 */
function meanPool(hidden, mask, rows, width, dimension) {
  const pooled = new Float32Array(rows * dimension);
  const sums = new Float64Array(dimension);
  for (let row = 0; row < rows; row++) {
    sums.fill(0);
    let count = 0;
    for (let token = 0; token < width; token++) {
      if (mask[row * width + token] === 0n) continue;
      count++;
      const offset = (row * width + token) * dimension;
      for (let k = 0; k < dimension; k++) sums[k] += hidden[offset + k];
    }
    for (let k = 0; k < dimension; k++) pooled[row * dimension + k] = sums[k] / count;
  }
  return pooled;
}

/**
 * L2 normalization as transformers.js's Tensor.normalize does it: the sum of squares kept in
 * float32 (unit-rows.cjs's normalizeRows sums in doubles, which can differ in the last bit).
 */
function normalizeAsTransformersDoes(data, rows, dimension) {
  const norm = new Float32Array(1);
  for (let row = 0; row < rows; row++) {
    norm[0] = 0;
    for (let k = row * dimension; k < (row + 1) * dimension; k++) norm[0] += data[k] ** 2;
    norm[0] = norm[0] ** 0.5;
    for (let k = row * dimension; k < (row + 1) * dimension; k++) data[k] /= norm[0];
  }
}

serveRequests(async (request) => {
  if (request.type === 'countTokens') {
    const loaded = await loadTokenizer();
    return { result: { counts: request.texts.map((text) => loaded.encode(text).length) } };
  }
  const { data, dimension } = await embed(request.texts);
  return { result: { data, dimension, loads, threadId }, transfer: [data.buffer] };
});
