const { embedInRuns, planPaddedRuns } = require('./padded-runs.cjs') as {
  planPaddedRuns: (lengths: readonly number[], maxPaddedTokens: number) => number[][];
  embedInRuns: (lengths: readonly number[], maxPaddedTokens: number, embedRun: (indexes: number[]) => Promise<{ data: Float32Array; dimension: number }>) => Promise<{ data: Float32Array; dimension: number }>;
};

describe('planPaddedRuns', () => {
  it('keeps a batch whose padded size fits in one run, in its own order', () => {
    expect(planPaddedRuns([30, 10, 20], 90)).toEqual([[0, 1, 2]]);
  });

  it('splits a batch so that no run holds more than the budget of padded tokens', () => {
    const lengths = [256, 12, 256, 40, 128, 128, 7, 200];
    const runs = planPaddedRuns(lengths, 512);

    for (const run of runs) expect(run.length * Math.max(...run.map((index) => lengths[index] as number))).toBeLessThanOrEqual(512);
    expect(runs.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Similar lengths run together: the short texts are never padded to 256.
    expect(runs).toEqual([[6, 1, 3, 4], [5, 7], [0, 2]]);
  });

  it('runs a text longer than the budget alone rather than dropping it', () => {
    expect(planPaddedRuns([600, 10], 512)).toEqual([[1], [0]]);
  });

  it('plans nothing for no texts', () => {
    expect(planPaddedRuns([], 512)).toEqual([]);
  });

  it('puts the vectors of every run back where their texts were', async () => {
    const lengths = [200, 5, 150, 6];
    // A fake model run: each text's vector is (its index, its index × 10).
    const seen: number[][] = [];
    const { data, dimension } = await embedInRuns(lengths, 300, async (indexes) => {
      seen.push(indexes);
      return { data: Float32Array.from(indexes.flatMap((index) => [index, index * 10])), dimension: 2 };
    });

    expect(seen).toEqual([[1, 3], [2], [0]]);
    expect(dimension).toBe(2);
    expect(Array.from(data)).toEqual([0, 0, 1, 10, 2, 20, 3, 30]);
  });
});
