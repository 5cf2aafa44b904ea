export type { EmbeddingProvider } from './embedding-provider';
export { cosineSimilarity, l2Normalize } from './vector-math';
