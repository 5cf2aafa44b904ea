import type { ChunkMatch } from '@docent/persistence';

/** The constant of Cormack et al. (2009): damps the weight of the very top ranks. */
export const RRF_K = 60;

export interface FusedMatch {
  match: ChunkMatch;
  /** Sum over rankings of 1 / (k + rank), rank starting at 1. */
  score: number;
}

/**
 * Merges several rankings of chunks (e.g. semantic and keyword) into one, by reciprocal rank
 * fusion: scores of different kinds are not comparable, their ranks are.
 */
export function fuseByReciprocalRank(rankings: readonly (readonly ChunkMatch[])[], k = RRF_K): FusedMatch[] {
  const fused = new Map<string, FusedMatch>();
  for (const ranking of rankings) {
    ranking.forEach((match, index) => {
      const contribution = 1 / (k + index + 1);
      const existing = fused.get(match.chunkId);
      if (existing) existing.score += contribution;
      else fused.set(match.chunkId, { match, score: contribution });
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.match.chunkId.localeCompare(b.match.chunkId));
}
