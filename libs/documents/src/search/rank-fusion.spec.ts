import type { ChunkMatch } from '@docent/persistence';
import { fuseByReciprocalRank } from './reciprocal-rank-fusion';

const match = (chunkId: string, score = 0): ChunkMatch => ({ chunkId, documentId: 'd', ordinal: 0, text: chunkId, score });

describe('fuseByReciprocalRank', () => {
  it('puts a chunk found by both rankings above chunks found by one', () => {
    const semantic = [match('a'), match('both'), match('b')];
    const keyword = [match('c'), match('both')];

    const fused = fuseByReciprocalRank([semantic, keyword]);

    expect(fused.map((entry) => entry.match.chunkId)).toEqual(['both', 'a', 'c', 'b']);
    expect(fused[0]?.score).toBeCloseTo(2 / 62, 12);
  });

  it('ignores the raw scores, which are not comparable across rankings', () => {
    const fused = fuseByReciprocalRank([[match('x', 0.9)], [match('y', 1000)]]);

    expect(fused.map((entry) => entry.score)).toEqual([1 / 61, 1 / 61]);
  });

  it('returns nothing for no rankings', () => {
    expect(fuseByReciprocalRank([])).toEqual([]);
  });
});
