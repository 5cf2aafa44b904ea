import type { EmbeddingModelRecord, IndexGraph, IndexPrecision } from '../types';
import { ApiKeyRepository } from './api-key.repository';
import { ChunkRepository } from './chunk.repository';
import { CollectionRepository } from './collection.repository';
import type { CorpusStatisticsCache } from './corpus-statistics';
import { DocumentQueueRepository } from './document-queue.repository';
import { DocumentRepository } from './document.repository';
import { EmbeddingModelRepository } from './embedding-model.repository';
import type { Executor } from './executor';
import { ReembeddingQueueRepository } from './reembedding-queue.repository';
import { RefreshTokenRepository } from './refresh-token.repository';
import { UserRepository } from './user.repository';

/** Every repository, bound to one executor (the client, or one transaction). */
export interface Repositories {
  users: UserRepository;
  apiKeys: ApiKeyRepository;
  refreshTokens: RefreshTokenRepository;
  collections: CollectionRepository;
  documents: DocumentRepository;
  documentQueue: DocumentQueueRepository;
  /** Tasks of models being built (re-embedding runs). */
  reembeddingQueue: ReembeddingQueueRepository;
  chunks: ChunkRepository;
  embeddingModels: EmbeddingModelRepository;
}

/** What the repositories of one database share, whichever executor they are bound to. */
export interface RepositoryContext {
  /** Model id -> model, read by every search; `EmbeddingModelRepository` evicts what it changes. */
  modelCache: Map<number, EmbeddingModelRecord>;
  corpusStatistics: CorpusStatisticsCache;
  /** The precision models' HNSW indexes are built at when registered. */
  indexPrecision: IndexPrecision;
  /** How models' HNSW graphs are built when registered. */
  indexGraph: IndexGraph;
}

export function createRepositories(db: Executor, { modelCache, corpusStatistics, indexPrecision, indexGraph }: RepositoryContext): Repositories {
  const embeddingModels = new EmbeddingModelRepository(db, { indexPrecision, indexGraph, evict: (id) => modelCache.delete(id) });
  const resolveModel = async (modelId: number) => {
    const cached = modelCache.get(modelId);
    if (cached) return cached;
    const model = await embeddingModels.get(modelId);
    modelCache.set(modelId, model);
    return model;
  };
  const chunks = new ChunkRepository(db, resolveModel, corpusStatistics);
  return {
    users: new UserRepository(db),
    apiKeys: new ApiKeyRepository(db),
    refreshTokens: new RefreshTokenRepository(db),
    collections: new CollectionRepository(db),
    documents: new DocumentRepository(db),
    documentQueue: new DocumentQueueRepository(db, chunks),
    reembeddingQueue: new ReembeddingQueueRepository(db, chunks),
    chunks,
    embeddingModels,
  };
}
