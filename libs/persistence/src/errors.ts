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

/** Promotion refused: some READY documents have no vectors of the model yet. */
export class ModelIncompleteError extends PersistenceError {
  constructor(
    readonly modelName: string,
    readonly missing: number,
  ) {
    super('MODEL_INCOMPLETE', `${missing} READY document${missing === 1 ? ' has' : 's have'} no vectors of ${modelName} yet`);
  }
}

/** A write with a model that is no longer the active one: another was promoted while it was embedded. */
export class ModelNotActiveError extends PersistenceError {
  constructor(readonly modelName: string) {
    super('MODEL_NOT_ACTIVE', `${modelName} is no longer the active embedding model`);
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
