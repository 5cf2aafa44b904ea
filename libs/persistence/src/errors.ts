import { DocentError } from '@docent/common';

/**
 * Base class of every error this lib throws on purpose. Its codes are internal: the service
 * that expects one (a unique violation on re-ingest, say) maps it; any other reaches clients
 * as INTERNAL_SERVER_ERROR.
 */
export class PersistenceError extends DocentError {
  constructor(code: Uppercase<string>, message: string, options?: ErrorOptions) {
    super(code, message, {}, options);
  }
}

export class DimensionMismatchError extends PersistenceError {
  constructor(
    readonly expected: number,
    readonly actual: number,
    readonly modelName: string,
  ) {
    super('DIMENSION_MISMATCH', `Embedding has ${actual} dimensions but model "${modelName}" produces ${expected}`);
  }
}

export class InvalidVectorError extends PersistenceError {
  constructor(message: string) {
    super('INVALID_VECTOR', message);
  }
}

export class UnknownEmbeddingModelError extends PersistenceError {
  constructor(modelId: number) {
    super('UNKNOWN_EMBEDDING_MODEL', `No embedding model with id ${modelId} is registered`);
  }
}

export class UniqueViolationError extends PersistenceError {
  constructor(
    readonly fields: readonly string[],
    options?: ErrorOptions,
  ) {
    super('UNIQUE_VIOLATION', `A record with the same ${fields.join(', ')} already exists`, options);
  }
}

export class MigrationError extends PersistenceError {
  constructor(message: string, options?: ErrorOptions) {
    super('MIGRATION_FAILED', message, options);
  }
}
