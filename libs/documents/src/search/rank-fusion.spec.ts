import type { ChunkMatch } from '@docent/persistence';
import { fuseRankings } from './rank-fusion';

const match = (chunkId: string, score = 0): ChunkMatch => ({ chunkId, documentId: 'd', ordinal: 0, text: chunkId, score });

describe('fuseRankings', () => {
  it('puts a chunk found by both rankings above chunks found by one', () => {
    const semantic = [match('a'), match('both'), match('b')];
    const keyword = [match('c'), match('both')];

    const fused = fuseRankings([semantic, keyword], [1, 1], 60);

    expect(fused.map((entry) => entry.match.chunkId)).toEqual(['both', 'a', 'c', 'b']);
    expect(fused[0]?.score).toBeCloseTo(2 / 62, 12);
  });

  it('ignores the raw scores, which are not comparable across rankings', () => {
    const fused = fuseRankings([[match('x', 0.9)], [match('y', 1000)]], [1, 1], 60);

    expect(fused.map((entry) => entry.score)).toEqual([1 / 61, 1 / 61]);
  });

  it('weighs one ranking above another', () => {
    const fused = fuseRankings([[match('semantic-first')], [match('keyword-first')]], [1, 2], 10);

    expect(fused.map((entry) => [entry.match.chunkId, entry.score])).toEqual([
      ['keyword-first', 2 / 11],
      ['semantic-first', 1 / 11],
    ]);
  });

  it('returns nothing for no rankings', () => {
    expect(fuseRankings([], [], 60)).toEqual([]);
  });
});
