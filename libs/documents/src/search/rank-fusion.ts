import type { ChunkMatch } from '@docent/persistence';

/** How HYBRID search merges its semantic and keyword rankings. */
export interface FusionSettings {
  /** Reciprocal rank fusion's constant: larger values flatten the advantage of the top ranks. */
  k: number;
  semanticWeight: number;
  keywordWeight: number;
  /** How many chunks each side contributes at least, however small the page. */
  candidates: number;
}

/**
 * Chosen on the retrieval benchmark (docs/search-quality.md), not by guess: the grid over k,
 * weights and depth, with Universal Sentence Encoder lite, and what each setting scored.
 */
export const HYBRID_FUSION: FusionSettings = { k: 60, semanticWeight: 1, keywordWeight: 1, candidates: 50 };

export interface FusedMatch {
  match: ChunkMatch;
  /** Sum over rankings of weight / (k + rank), rank starting at 1. */
  score: number;
}

/**
 * Merges several rankings of chunks into one by weighted reciprocal rank fusion: scores of
 * different kinds (cosine similarity, BM25) are not comparable, their ranks are.
 */
export function fuseRankings(rankings: readonly (readonly ChunkMatch[])[], weights: readonly number[], k: number): FusedMatch[] {
  const fused = new Map<string, FusedMatch>();
  rankings.forEach((ranking, r) => {
    const weight = weights[r] ?? 1;
    ranking.forEach((match, index) => {
      const contribution = weight / (k + index + 1);
      const existing = fused.get(match.chunkId);
      if (existing) existing.score += contribution;
      else fused.set(match.chunkId, { match, score: contribution });
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score || a.match.chunkId.localeCompare(b.match.chunkId));
}
