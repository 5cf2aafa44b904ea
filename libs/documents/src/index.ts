export { RRF_K, fuseByReciprocalRank } from './search/reciprocal-rank-fusion';
export type { FusedMatch } from './search/reciprocal-rank-fusion';
