// @ts-check
// The tokenizer of Universal Sentence Encoder lite: SentencePiece unigram segmentation by
// Viterbi search over a scored vocabulary. Follows the reference implementation in Google's
// tfjs-models (Apache-2.0), which the published model was trained with, quirks included
// (the first six ids are reserved and never produced, runs of unknown symbols collapse to one).
'use strict';

const WORD_START = '\u2581';
const RESERVED_SYMBOLS = 6;
const UNKNOWN_ID = 0;

class SentencePieceTokenizer {
  /** @param {Array<[string, number]>} vocabulary pieces and their log-probability scores, by id */
  constructor(vocabulary) {
    this.vocabulary = vocabulary;
    /** @type {Map<string, any>} */
    this.root = new Map();
    for (let id = RESERVED_SYMBOLS; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id];
      let node = this.root;
      for (const symbol of piece) {
        if (!node.has(symbol)) node.set(symbol, new Map());
        node = node.get(symbol);
      }
      node.set('', { id, score, length: [...piece].length });
    }
  }

  /** @param {string} text @returns {number[]} */
  encode(text) {
    const normalized = text.normalize('NFKC');
    if (normalized.length === 0) return [];
    const symbols = [...(WORD_START + normalized.replace(/ /g, WORD_START))];
    const bestScore = new Array(symbols.length + 1).fill(0);
    const bestId = new Array(symbols.length + 1).fill(0);
    const bestLength = new Array(symbols.length + 1).fill(1);
    const reached = new Array(symbols.length + 1).fill(false);
    reached[0] = true;
    for (let start = 0; start < symbols.length; start++) {
      if (!reached[start]) continue;
      let node = this.root;
      let matched = false;
      for (let end = start; end < symbols.length; end++) {
        node = node.get(symbols[end]);
        if (!node) break;
        const piece = node.get('');
        if (piece) {
          matched = true;
          this.relax(start, end + 1, piece.id, piece.score, piece.length, bestScore, bestId, bestLength, reached);
        }
      }
      // A symbol no piece covers becomes the unknown token, scored 0 like the reference.
      if (!matched) this.relax(start, start + 1, UNKNOWN_ID, 0, 1, bestScore, bestId, bestLength, reached);
    }
    const ids = [];
    for (let position = symbols.length; position > 0; position -= bestLength[position]) ids.push(bestId[position]);
    ids.reverse();
    return ids.filter((id, i) => !(id === UNKNOWN_ID && ids[i - 1] === UNKNOWN_ID));
  }

  /** @private */
  relax(start, end, id, score, length, bestScore, bestId, bestLength, reached) {
    const total = score + bestScore[start];
    if (!reached[end] || total >= bestScore[end]) {
      reached[end] = true;
      bestScore[end] = total;
      bestId[end] = id;
      bestLength[end] = length;
    }
  }
}

module.exports = { SentencePieceTokenizer };
