// Splits one batch into model runs that each hold at most `maxPaddedTokens` padded tokens (texts
// × the longest text's tokens). A padded batch's activations grow with that product, and so does
// the memory onnxruntime keeps for them: a run of 8 texts of 256 tokens holds about 100 MB more
// than the loaded model, 4 of 256 about 40 MB (docs/benchmarks.md). Plain CommonJS so worker
// threads load it as is.
'use strict';

/**
 * Runs of text indexes, each within the budget: the whole batch in its own order when it fits,
 * otherwise shortest texts first, a text longer than the budget alone. Every index appears once.
 * @param {readonly number[]} lengths tokens per text, as the model will see them (truncated)
 * @param {number} maxPaddedTokens
 * @returns {number[][]}
 */
function planPaddedRuns(lengths, maxPaddedTokens) {
  if (lengths.length === 0) return [];
  const indexes = lengths.map((_, index) => index);
  if (lengths.length * Math.max(1, ...lengths) <= maxPaddedTokens) return [indexes];
  const runs = [];
  let run = [];
  for (const index of indexes.sort((a, b) => lengths[a] - lengths[b])) {
    // Sorted ascending, so this text is the longest of the run it would join.
    if (run.length > 0 && (run.length + 1) * Math.max(1, lengths[index]) > maxPaddedTokens) {
      runs.push(run);
      run = [];
    }
    run.push(index);
  }
  runs.push(run);
  return runs;
}

/**
 * Embeds a batch run by run (`embedRun` takes the indexes of one run and returns their vectors,
 * row after row) and puts every text's vector back at its own place.
 * @param {readonly number[]} lengths
 * @param {number} maxPaddedTokens
 * @param {(indexes: number[]) => Promise<{ data: Float32Array, dimension: number }>} embedRun
 * @returns {Promise<{ data: Float32Array, dimension: number }>}
 */
async function embedInRuns(lengths, maxPaddedTokens, embedRun) {
  const runs = planPaddedRuns(lengths, maxPaddedTokens);
  if (runs.length === 1) return embedRun(runs[0]);
  /** @type {Float32Array | undefined} */
  let data;
  let dimension = 0;
  for (const run of runs) {
    const part = await embedRun(run);
    dimension = part.dimension;
    data ??= new Float32Array(lengths.length * dimension);
    run.forEach((index, row) => data.set(part.data.subarray(row * dimension, (row + 1) * dimension), index * dimension));
  }
  return { data: data ?? new Float32Array(0), dimension };
}

module.exports = { embedInRuns, planPaddedRuns };
