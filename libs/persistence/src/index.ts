export { DEFAULT_DATA_DIR, IN_MEMORY, openDatabase } from './database';
export { databaseEnvironment } from './database-config';
export type { DatabaseConfig } from './database-config';
export type { Database, DatabaseOptions, TransactionOptions } from './database';
export type { ChunkImportOptions } from './chunk-import';
export {
  DimensionMismatchError,
  InvalidVectorError,
  MigrationError,
  ModelIncompleteError,
  ModelNotActiveError,
  PersistenceError,
  UniqueViolationError,
  UnknownEmbeddingModelError,
} from './errors';
export type { MigrationReport } from './migrations/migrator';
export type { Repositories } from './repositories/repositories';
export { DEFAULT_ROWS_PER_STATEMENT } from './repositories/chunk.repository';
export { DEFAULT_COLLECTION_NAME } from './repositories/collection.repository';
export { MAX_VECTOR_DIMENSION } from './vector/vector-literal';
export { isUuid } from './ids';
export { DEFAULT_INDEX_GRAPH } from './index-graph';
export type * from './types';
