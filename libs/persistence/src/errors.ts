/** Base class of every error this lib throws on purpose; `code` is stable for callers to map. */
export class PersistenceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
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
