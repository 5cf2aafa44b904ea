import { percentile } from '../lib/stats';

/** How well one system ranked the pairs: each query has exactly one relevant document. */
export interface RetrievalScores {
  recallAt1: number;
  recallAt10: number;
  mrrAt10: number;
}

/**
 * `rankings[i]` is the system's documents for query i, best first (ids, possibly repeated:
 * only a document's first place counts); `relevant[i]` is the one right answer.
 */
export function scoreRankings(rankings: readonly (readonly string[])[], relevant: readonly string[]): RetrievalScores {
  let hitsAt1 = 0;
  let hitsAt10 = 0;
  let reciprocalRanks = 0;
  rankings.forEach((ranking, i) => {
    const rank = distinct(ranking).indexOf(relevant[i] as string) + 1;
    if (rank === 1) hitsAt1++;
    if (rank >= 1 && rank <= 10) {
      hitsAt10++;
      reciprocalRanks += 1 / rank;
    }
  });
  const n = rankings.length;
  return { recallAt1: hitsAt1 / n, recallAt10: hitsAt10 / n, mrrAt10: reciprocalRanks / n };
}

/** Ids in order of first appearance: chunk results become document results. */
export function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export function scoreCells({ recallAt1, recallAt10, mrrAt10 }: RetrievalScores): string[] {
  return [recallAt1.toFixed(3), recallAt10.toFixed(3), mrrAt10.toFixed(3)];
}

export function latencyCells(samplesMs: readonly number[]): string[] {
  return samplesMs.length === 0 ? ['', ''] : [percentile(samplesMs, 50).toFixed(1), percentile(samplesMs, 99).toFixed(1)];
}
