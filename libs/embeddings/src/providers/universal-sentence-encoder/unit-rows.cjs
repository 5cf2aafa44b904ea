// @ts-check
// Shared by both Universal Sentence Encoder workers (plain JavaScript, as workers start from it).
'use strict';

/**
 * Scales each of `rows` consecutive vectors in `data` to unit length, in place. The encoder's
 * outputs are nearly unit vectors; exact ones make cosine similarity a dot product.
 * @param {Float32Array} data
 * @param {number} rows
 * @returns {number} the dimension
 */
function normalizeRows(data, rows) {
  const dimension = data.length / rows;
  for (let row = 0; row < rows; row++) {
    let sum = 0;
    for (let i = row * dimension; i < (row + 1) * dimension; i++) sum += data[i] * data[i];
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let i = row * dimension; i < (row + 1) * dimension; i++) data[i] *= scale;
  }
  return dimension;
}

module.exports = { normalizeRows };
