import type { ChunkMatch } from '@docent/persistence';
import { fuseRankings } from './rank-fusion';

const match = (chunkId: string, score = 0): ChunkMatch => ({ chunkId, documentId: 'd', ordinal: 0, text: chunkId, page: null, heading: null, score });

const RANK = { method: 'rank', k: 60 } as const;
const SCORE = { method: 'score', k: 60 } as const;

describe('fuseRankings', () => {
  it('puts a chunk found by both rankings above chunks found by one', () => {
    const semantic = [match('a'), match('both'), match('b')];
    const keyword = [match('c'), match('both')];

    const fused = fuseRankings([semantic, keyword], [1, 1], RANK);

    expect(fused.map((entry) => entry.match.chunkId)).toEqual(['both', 'a', 'c', 'b']);
    expect(fused[0]?.score).toBeCloseTo(2 / 62, 12);
  });

  it('ignores the raw scores, which are not comparable across rankings', () => {
    const fused = fuseRankings([[match('x', 0.9)], [match('y', 1000)]], [1, 1], RANK);

    expect(fused.map((entry) => entry.score)).toEqual([1 / 61, 1 / 61]);
  });

  it('weighs one ranking above another', () => {
    const fused = fuseRankings([[match('semantic-first')], [match('keyword-first')]], [1, 2], { method: 'rank', k: 10 });

    expect(fused.map((entry) => [entry.match.chunkId, entry.score])).toEqual([
      ['keyword-first', 2 / 11],
      ['semantic-first', 1 / 11],
    ]);
  });

  it('by score: scales each ranking to [0, 1] by its best and worst, then adds the weighted values', () => {
    const semantic = [match('a', 0.9), match('b', 0.8), match('c', 0.5)];
    const keyword = [match('b', 12), match('d', 4), match('a', 2)];

    const fused = fuseRankings([semantic, keyword], [1, 2], SCORE);

    expect(fused.map((entry) => [entry.match.chunkId, entry.score])).toEqual([
      ['b', 0.75 + 2],
      ['a', 1 + 0],
      ['d', expect.closeTo(2 * 0.2, 12)],
      ['c', 0],
    ]);
  });

  it('by score: a ranking whose candidates tie gives each the full weight', () => {
    const fused = fuseRankings([[match('x', 3), match('y', 3)]], [0.5], SCORE);

    expect(fused.map((entry) => entry.score)).toEqual([0.5, 0.5]);
  });

  it('returns nothing for no rankings', () => {
    expect(fuseRankings([], [], RANK)).toEqual([]);
  });
});
