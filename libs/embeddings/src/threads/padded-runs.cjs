// Splits one batch into model runs that each hold at most `maxPaddedTokens` padded tokens (texts
// × the longest text's tokens). A padded batch's activations grow with that product, and so does
// the memory onnxruntime keeps for them: a run of 8 texts of 256 tokens holds about 100 MB more
// than the loaded model, 4 of 256 about 40 MB (docs/benchmarks.md). Plain CommonJS so worker
// threads load it as is.
'use strict';

/**
 * Runs of text indexes, shortest texts first, each within the budget; a text longer than the
 * budget runs alone. Every index appears once.
 * @param {readonly number[]} lengths tokens per text, as the model will see them (truncated)
 * @param {number} maxPaddedTokens
 * @returns {number[][]}
 */
function planPaddedRuns(lengths, maxPaddedTokens) {
  const order = lengths.map((_, index) => index).sort((a, b) => lengths[a] - lengths[b]);
  const runs = [];
  let run = [];
  for (const index of order) {
    // Sorted ascending, so this text is the longest of the run it would join.
    if (run.length > 0 && (run.length + 1) * Math.max(1, lengths[index]) > maxPaddedTokens) {
      runs.push(run);
      run = [];
    }
    run.push(index);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

module.exports = { planPaddedRuns };
