import { Prisma } from '../generated/prisma/client';
import { DimensionMismatchError, PersistenceError } from '../errors';
import type { ChunkMatch, ChunkPage, ChunkRecord, ChunkSummary, EmbeddingModelRecord, KeywordQuery, NewChunk, SearchFilter, VectorQuery } from '../types';
import { assertDimension, parseVectorLiteral, toVectorLiteral } from '../vector/vector-literal';
import type { Executor } from './executor';

/** Rows per INSERT statement unless a caller asks otherwise; ~1,000 × 384-d is a few MB of parameters. */
export const DEFAULT_ROWS_PER_STATEMENT = 1_000;
const MAX_RESULTS = 1_000;

interface ChunkRow {
  id: string;
  document_id: string;
  owner_id: string;
  model_id: number;
  ordinal: number;
  text: string;
  token_count: number;
  char_start: number;
  char_end: number;
  content_hash: string;
  embedding: string;
}

interface MatchRow {
  id: string;
  document_id: string;
  ordinal: number;
  text: string;
  score: number;
}

/** Every pgvector statement of Docent lives in this class. */
export class ChunkRepository {
  constructor(
    private readonly db: Executor,
    /** Model id -> model; models never change dimension, so callers may cache it. */
    private readonly resolveModel: (modelId: number) => Promise<EmbeddingModelRecord>,
  ) {}

  /**
   * Writes chunks with one multi-row INSERT per `rowsPerStatement` rows (arrays unnested
   * server-side, so the statement text and its parameter count stay constant).
   * Run it inside `Database.transaction` to make several statements all-or-nothing.
   */
  async insertMany(modelId: number, chunks: readonly NewChunk[], rowsPerStatement = DEFAULT_ROWS_PER_STATEMENT): Promise<number> {
    if (chunks.length === 0) return 0;
    const model = await this.resolveModel(modelId);
    const embeddings = chunks.map((chunk) => encodeEmbedding(chunk.embedding, model));
    let written = 0;
    for (let start = 0; start < chunks.length; start += rowsPerStatement) {
      const end = Math.min(start + rowsPerStatement, chunks.length);
      written += await this.insertStatement(model.id, chunks.slice(start, end), embeddings.slice(start, end));
    }
    return written;
  }

  private insertStatement(modelId: number, chunks: readonly NewChunk[], embeddings: readonly string[]): Promise<number> {
    const column = <K extends keyof NewChunk>(key: K) => chunks.map((chunk) => chunk[key]);
    return this.db.$executeRaw`
      INSERT INTO chunks (document_id, owner_id, model_id, ordinal, text, token_count, char_start, char_end, content_hash, embedding)
      SELECT document_id, owner_id, ${modelId}::int, ordinal, text, token_count, char_start, char_end, content_hash, embedding::vector
      FROM unnest(
        ${column('documentId')}::uuid[], ${column('ownerId')}::uuid[], ${column('ordinal')}::int[], ${column('text')}::text[],
        ${column('tokenCount')}::int[], ${column('charStart')}::int[], ${column('charEnd')}::int[],
        ${column('contentHash')}::text[], ${embeddings}::text[]
      ) AS input(document_id, owner_id, ordinal, text, token_count, char_start, char_end, content_hash, embedding)`;
  }

  async findByDocument(ownerId: string, documentId: string, modelId?: number): Promise<ChunkRecord[]> {
    const rows = await this.db.$queryRaw<ChunkRow[]>`
      SELECT id, document_id, owner_id, model_id, ordinal, text, token_count, char_start, char_end, content_hash,
             embedding::text AS embedding
      FROM chunks
      WHERE owner_id = ${ownerId}::uuid AND document_id = ${documentId}::uuid
        ${modelId === undefined ? Prisma.empty : Prisma.sql`AND model_id = ${modelId}::int`}
      ORDER BY model_id, ordinal`;
    return rows.map(toChunkRecord);
  }

  /**
   * A page of chunks of each of several documents (of one model, in order, without vectors), in
   * one statement: the same page of every document, so a list of documents costs one query.
   */
  async pageByDocuments(ownerId: string, documentIds: readonly string[], page: ChunkPage): Promise<Map<string, ChunkSummary[]>> {
    const pages = new Map<string, ChunkSummary[]>(documentIds.map((id) => [id, []]));
    if (documentIds.length === 0) return pages;
    const rows = await this.db.$queryRaw<Omit<ChunkRow, 'embedding'>[]>`
      SELECT id, document_id, owner_id, model_id, ordinal, text, token_count, char_start, char_end, content_hash
      FROM (
        SELECT *, row_number() OVER (PARTITION BY document_id ORDER BY ordinal) AS position
        FROM chunks
        WHERE owner_id = ${ownerId}::uuid AND document_id = ANY(${[...documentIds]}::uuid[]) AND model_id = ${page.modelId}::int
          AND ordinal > ${page.afterOrdinal ?? -1}::int
      ) AS numbered
      WHERE position <= ${Math.min(Math.max(page.first, 0), MAX_RESULTS)}::int
      ORDER BY document_id, ordinal`;
    for (const row of rows) pages.get(row.document_id)?.push(toChunkSummary(row));
    return pages;
  }

  async deleteByDocument(ownerId: string, documentId: string, modelId?: number): Promise<number> {
    return this.db.$executeRaw`
      DELETE FROM chunks
      WHERE owner_id = ${ownerId}::uuid AND document_id = ${documentId}::uuid
        ${modelId === undefined ? Prisma.empty : Prisma.sql`AND model_id = ${modelId}::int`}`;
  }

  /** Nearest chunks by cosine distance among the owner's vectors of one model, optionally within some documents. */
  async searchByVector(query: VectorQuery): Promise<ChunkMatch[]> {
    const rows = await this.db.$queryRaw<MatchRow[]>(await this.vectorSearchSql(query, 'index'));
    const filtered = query.documentIds !== undefined || query.metadata !== undefined;
    if (rows.length >= query.limit || !filtered) return rows.map(toMatch);
    // A very selective filter can outlast the index scan's budget (hnsw.max_scan_tuples):
    // an exact scan over the few matching rows still finds every one of them.
    return (await this.db.$queryRaw<MatchRow[]>(await this.vectorSearchSql(query, 'exact'))).map(toMatch);
  }

  /** The plan PostgreSQL chooses for `searchByVector`, one line per row: to check which index serves it. */
  async explainSearchByVector(query: VectorQuery): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${await this.vectorSearchSql(query, 'index')}`);
    return rows.map((row) => row['QUERY PLAN']);
  }

  /**
   * The cast to the model's dimension is what makes the planner pick that model's partial
   * HNSW index; a dimension is a type modifier, not a value, so it is validated and inlined.
   * `exact` orders by an expression no index matches (`distance + 0`), forcing an exact scan.
   */
  private async vectorSearchSql(query: VectorQuery, plan: 'index' | 'exact'): Promise<Prisma.Sql> {
    const model = await this.resolveModel(query.modelId);
    const vector = encodeEmbedding(query.vector, model);
    const vectorType = Prisma.raw(`vector(${assertDimension(model.dimension)})`);
    const distance = Prisma.sql`embedding::${vectorType} <=> ${vector}::${vectorType}`;
    return Prisma.sql`
      SELECT id, document_id, ordinal, text,
             (${distance})::float8 AS score
      FROM chunks
      WHERE model_id = ${model.id}::int AND owner_id = ${query.ownerId}::uuid ${searchFilter(query)}
      ORDER BY ${plan === 'exact' ? Prisma.sql`(${distance}) + 0` : distance}
      LIMIT ${clampLimit(query.limit)}::int`;
  }

  /** Full-text search over the generated `tsvector`, with web-search syntax ("quoted", -not, or). */
  async searchByKeyword(query: KeywordQuery): Promise<ChunkMatch[]> {
    const rows = await this.db.$queryRaw<MatchRow[]>`
      SELECT id, document_id, ordinal, text, ts_rank_cd(tsv, search)::float8 AS score
      FROM chunks, websearch_to_tsquery('english', ${query.query}) AS search
      WHERE model_id = ${query.modelId}::int AND owner_id = ${query.ownerId}::uuid AND tsv @@ search
        ${searchFilter(query)}
      ORDER BY score DESC, id
      LIMIT ${clampLimit(query.limit)}::int`;
    return rows.map(toMatch);
  }
}

function encodeEmbedding(embedding: Float32Array | readonly number[], model: EmbeddingModelRecord): string {
  if (embedding.length !== model.dimension) throw new DimensionMismatchError(model.dimension, embedding.length, model.name);
  return toVectorLiteral(embedding);
}

function searchFilter({ ownerId, documentIds, metadata }: SearchFilter & { ownerId: string }): Prisma.Sql {
  const byDocument = documentIds === undefined ? Prisma.empty : Prisma.sql`AND document_id = ANY(${[...documentIds]}::uuid[])`;
  const byMetadata =
    metadata === undefined
      ? Prisma.empty
      : Prisma.sql`AND document_id IN (SELECT id FROM documents WHERE owner_id = ${ownerId}::uuid AND metadata @> ${JSON.stringify(metadata)}::jsonb)`;
  return Prisma.sql`${byDocument} ${byMetadata}`;
}

function clampLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new PersistenceError('INVALID_LIMIT', `limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_RESULTS);
}

function toChunkRecord(row: ChunkRow): ChunkRecord {
  return { ...toChunkSummary(row), embedding: parseVectorLiteral(row.embedding) };
}

function toChunkSummary(row: Omit<ChunkRow, 'embedding'>): ChunkSummary {
  return {
    id: row.id,
    documentId: row.document_id,
    ownerId: row.owner_id,
    modelId: row.model_id,
    ordinal: row.ordinal,
    text: row.text,
    tokenCount: row.token_count,
    charStart: row.char_start,
    charEnd: row.char_end,
    contentHash: row.content_hash,
  };
}

function toMatch(row: MatchRow): ChunkMatch {
  return { chunkId: row.id, documentId: row.document_id, ordinal: row.ordinal, text: row.text, score: Number(row.score) };
}
