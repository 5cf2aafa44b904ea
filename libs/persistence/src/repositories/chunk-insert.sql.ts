import { DimensionMismatchError } from '../errors';
import type { EmbeddingModelRecord, NewChunk } from '../types';
import { toVectorLiteral } from '../vector/vector-literal';

/**
 * One multi-row INSERT of one model's chunks: columns arrive as arrays unnested server-side, so
 * the statement text and its parameter count stay the same whatever the row count. Each chunk
 * goes to its document's collection, read in the same statement. Shared by
 * `ChunkRepository.insertMany` (through Prisma, inside its transactions) and
 * `Database.importChunks` (straight through the driver, for bulk loads).
 */
export const INSERT_CHUNKS_SQL = `
  INSERT INTO chunks (document_id, collection_id, model_id, ordinal, text, token_count, char_start, char_end, content_hash, page, heading, embedding)
  SELECT input.document_id, d.collection_id, $1::int, ordinal, text, token_count, char_start, char_end, input.content_hash, page, heading, embedding::vector
  FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::text[], $9::int[], $10::text[], $11::text[])
    AS input(document_id, ordinal, text, token_count, char_start, char_end, content_hash, page, heading, embedding)
  JOIN documents d ON d.id = input.document_id`;

/** The parameters of `INSERT_CHUNKS_SQL`, vectors checked against the model's dimension. */
export function chunkInsertParameters(model: EmbeddingModelRecord, chunks: readonly NewChunk[]): unknown[] {
  const column = <K extends keyof NewChunk>(key: K) => chunks.map((chunk) => chunk[key] ?? null);
  return [
    model.id,
    column('documentId'),
    column('ordinal'),
    column('text'),
    column('tokenCount'),
    column('charStart'),
    column('charEnd'),
    column('contentHash'),
    column('page'),
    column('heading'),
    chunks.map((chunk) => encodeEmbedding(chunk.embedding, model)),
  ];
}

export function encodeEmbedding(embedding: Float32Array | readonly number[], model: EmbeddingModelRecord): string {
  if (embedding.length !== model.dimension) throw new DimensionMismatchError(model.dimension, embedding.length, model.name);
  return toVectorLiteral(embedding);
}
