import type { ChunkMatch } from '@docent/persistence';

/** How HYBRID search merges its semantic and keyword rankings. */
export interface FusionSettings {
  /**
   * `score`: each ranking's scores scaled to [0, 1] by its best and worst candidate, then a
   * weighted sum (Weaviate's relative score fusion). `rank`: weighted reciprocal rank fusion,
   * weight / (k + rank), which ignores how far apart the scores are.
   */
  method: 'score' | 'rank';
  /** Reciprocal rank fusion's constant (`rank` only): larger values flatten the top ranks' advantage. */
  k: number;
  semanticWeight: number;
  keywordWeight: number;
  /** How many chunks each side contributes at least, however small the page. */
  candidates: number;
}

/**
 * Chosen on the retrieval benchmark (docs/search-quality.md), not by guess: the grid over
 * method, k, weights and depth, with Universal Sentence Encoder lite, and what each scored.
 */
export const HYBRID_FUSION: FusionSettings = { method: 'score', k: 60, semanticWeight: 1, keywordWeight: 3, candidates: 50 };

export interface FusedMatch {
  match: ChunkMatch;
  score: number;
}

/** Merges rankings of chunks (best first, higher scores better) into one, as `settings` says. */
export function fuseRankings(rankings: readonly (readonly ChunkMatch[])[], weights: readonly number[], settings: Pick<FusionSettings, 'method' | 'k'>): FusedMatch[] {
  const fused = new Map<string, FusedMatch>();
  rankings.forEach((ranking, r) => {
    const weight = weights[r] ?? 1;
    const best = ranking[0]?.score ?? 0;
    const spread = best - (ranking.at(-1)?.score ?? 0);
    ranking.forEach((match, index) => {
      // A ranking whose candidates all score the same gives each of them the full weight.
      const contribution = settings.method === 'rank' ? weight / (settings.k + index + 1) : weight * (spread > 0 ? 1 - (best - match.score) / spread : 1);
      const existing = fused.get(match.chunkId);
      if (existing) existing.score += contribution;
      else fused.set(match.chunkId, { match, score: contribution });
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score || a.match.chunkId.localeCompare(b.match.chunkId));
}
