import { Prisma } from '../generated/prisma/client';
import { PersistenceError } from '../errors';
import type { Access, ChunkHighlights, ChunkMatch, ChunkPage, ChunkRecord, ChunkSummary, EmbeddingModelRecord, KeywordQuery, NewChunk, VectorQuery } from '../types';
import { reachableSql } from './access';
import type { CorpusStatisticsCache } from './corpus-statistics';
import { HEADLINE_OPTIONS, parseMarkedRanges } from './highlights';
import { searchFilterSql } from './search-filter.sql';
import { assertDimension, parseVectorLiteral } from '../vector/vector-literal';
import { INSERT_CHUNKS_SQL, chunkInsertParameters, encodeEmbedding } from './chunk-insert.sql';
import type { Executor } from './executor';

/** Rows per INSERT statement unless a caller asks otherwise; ~1,000 × 384-d is a few MB of parameters. */
export const DEFAULT_ROWS_PER_STATEMENT = 1_000;
const MAX_RESULTS = 1_000;

/**
 * BM25's term-frequency saturation and length normalisation: the usual defaults (Lucene's,
 * Elasticsearch's). On the retrieval benchmark a grid from k1 0.9-2.0 and b 0.4-0.9 stayed within
 * 0.02 MRR@10 of them (docs/search-quality.md).
 */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

interface ChunkRow {
  id: string;
  document_id: string;
  collection_id: string;
  model_id: number;
  ordinal: number;
  text: string;
  token_count: number;
  char_start: number;
  char_end: number;
  content_hash: string;
  page: number | null;
  heading: string | null;
  embedding: string;
}

interface MatchRow {
  id: string;
  document_id: string;
  ordinal: number;
  text: string;
  page: number | null;
  heading: string | null;
  score: number;
  /** ts_headline's marked text, when the search was asked to highlight. */
  marked?: string | null;
}

/**
 * Every pgvector statement of Docent lives in this class. Reads reach only the chunks of the
 * collections their `Access` reaches (see access.ts), in the statement itself.
 */
export class ChunkRepository {
  constructor(
    private readonly db: Executor,
    /** Model id -> model; models never change dimension, so callers may cache it. */
    private readonly resolveModel: (modelId: number) => Promise<EmbeddingModelRecord>,
    private readonly corpusStatistics: CorpusStatisticsCache,
  ) {}

  /**
   * Writes chunks with one multi-row INSERT per `rowsPerStatement` rows (`INSERT_CHUNKS_SQL`).
   * Run it inside `Database.transaction` to make several statements all-or-nothing; for bulk
   * loads of a model nobody searches yet, `Database.importChunks` is several times faster.
   */
  async insertMany(modelId: number, chunks: readonly NewChunk[], rowsPerStatement = DEFAULT_ROWS_PER_STATEMENT): Promise<number> {
    if (chunks.length === 0) return 0;
    const model = await this.resolveModel(modelId);
    // Every vector is checked before the first statement, so a bad one writes nothing even outside a transaction.
    const statements: unknown[][] = [];
    for (let start = 0; start < chunks.length; start += rowsPerStatement) {
      statements.push(chunkInsertParameters(model, chunks.slice(start, start + rowsPerStatement)));
    }
    let written = 0;
    for (const parameters of statements) written += await this.db.$executeRawUnsafe(INSERT_CHUNKS_SQL, ...parameters);
    return written;
  }

  async findByDocument(access: Access, documentId: string, modelId?: number): Promise<ChunkRecord[]> {
    const rows = await this.db.$queryRaw<ChunkRow[]>`
      SELECT id, document_id, collection_id, model_id, ordinal, text, token_count, char_start, char_end, content_hash, page, heading,
             embedding::text AS embedding
      FROM chunks
      WHERE ${reachableSql(Prisma.sql`collection_id`, access, 'VIEWER')} AND document_id = ${documentId}::uuid
        ${modelId === undefined ? Prisma.empty : Prisma.sql`AND model_id = ${modelId}::int`}
      ORDER BY model_id, ordinal`;
    return rows.map(toChunkRecord);
  }

  /**
   * A page of chunks of each of several documents (of one model, in order, without vectors), in
   * one statement: the same page of every document, so a list of documents costs one query.
   */
  async pageByDocuments(access: Access, documentIds: readonly string[], page: ChunkPage): Promise<Map<string, ChunkSummary[]>> {
    const pages = new Map<string, ChunkSummary[]>(documentIds.map((id) => [id, []]));
    if (documentIds.length === 0) return pages;
    const rows = await this.db.$queryRaw<Omit<ChunkRow, 'embedding'>[]>`
      SELECT id, document_id, collection_id, model_id, ordinal, text, token_count, char_start, char_end, content_hash, page, heading
      FROM (
        SELECT *, row_number() OVER (PARTITION BY document_id ORDER BY ordinal) AS position
        FROM chunks
        WHERE ${reachableSql(Prisma.sql`collection_id`, access, 'VIEWER')} AND document_id = ANY(${[...documentIds]}::uuid[]) AND model_id = ${page.modelId}::int
          AND ordinal > ${page.afterOrdinal ?? -1}::int
      ) AS numbered
      WHERE position <= ${Math.min(Math.max(page.first, 0), MAX_RESULTS)}::int
      ORDER BY document_id, ordinal`;
    for (const row of rows) pages.get(row.document_id)?.push(toChunkSummary(row));
    return pages;
  }

  /** Needs EDITOR on the document's collection. */
  async deleteByDocument(access: Access, documentId: string, modelId?: number): Promise<number> {
    return this.db.$executeRaw`
      DELETE FROM chunks
      WHERE ${reachableSql(Prisma.sql`collection_id`, access, 'EDITOR')} AND document_id = ${documentId}::uuid
        ${modelId === undefined ? Prisma.empty : Prisma.sql`AND model_id = ${modelId}::int`}`;
  }

  /** Nearest chunks by cosine distance among the vectors of one model `query.access` reaches, optionally within some documents. */
  async searchByVector(query: VectorQuery): Promise<ChunkMatch[]> {
    const rows = await this.db.$queryRaw<MatchRow[]>(highlighted(await this.vectorSearchSql(query, 'index'), query.highlight));
    const filtered = query.documentIds !== undefined || query.metadata !== undefined || query.where !== undefined;
    if (rows.length >= query.limit || !filtered) return rows.map(toMatch);
    // A very selective filter can outlast the index scan's budget (hnsw.max_scan_tuples):
    // an exact scan over the few matching rows still finds every one of them.
    return (await this.db.$queryRaw<MatchRow[]>(highlighted(await this.vectorSearchSql(query, 'exact'), query.highlight))).map(toMatch);
  }

  /** The plan PostgreSQL chooses for `searchByVector`, one line per row: to check which index serves it. */
  async explainSearchByVector(query: VectorQuery): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${await this.vectorSearchSql(query, 'index')}`);
    return rows.map((row) => row['QUERY PLAN']);
  }

  /**
   * The cast to the model's dimension (and index precision) is what makes the planner pick that
   * model's partial HNSW index; a dimension is a type modifier, not a value, so it is validated and inlined.
   * `exact` orders by an expression no index matches (`distance + 0`), forcing an exact scan.
   */
  private async vectorSearchSql(query: VectorQuery, plan: 'index' | 'exact'): Promise<Prisma.Sql> {
    const model = await this.resolveModel(query.modelId);
    const vector = encodeEmbedding(query.vector, model);
    const vectorType = Prisma.raw(`${model.indexPrecision === 'half' ? 'halfvec' : 'vector'}(${assertDimension(model.dimension)})`);
    const distance = Prisma.sql`embedding::${vectorType} <=> ${vector}::${vectorType}`;
    return Prisma.sql`
      SELECT id, document_id, ordinal, text, page, heading,
             (1 - (${distance}))::float8 AS score
      FROM chunks
      WHERE model_id = ${model.id}::int AND ${reachableSql(Prisma.sql`collection_id`, query.access, 'VIEWER')} AND ${searchFilterSql(query.access, query)}
      ORDER BY ${plan === 'exact' ? Prisma.sql`(${distance}) + 0` : distance}
      LIMIT ${clampLimit(query.limit)}::int`;
  }

  /**
   * BM25 over the generated `tsvector`: a chunk matches if it holds any word of the query, and
   * ranks by the sum over those words of idf × saturated term frequency, normalised by the
   * chunk's length. Word rarity is counted among the reachable chunks of this model that hold any
   * query word, before filters (a filter never changes how rare a word is), by every query;
   * chunk count and mean length come from `CorpusStatisticsCache`. Nothing is maintained on writes.
   */
  async searchByKeyword(query: KeywordQuery): Promise<ChunkMatch[]> {
    const { access, modelId } = query;
    const corpus = await this.corpusStatistics.get(access, modelId, async () => {
      const [row] = await this.db.$queryRaw<{ chunks: number; mean_length: number | null }[]>`
        SELECT count(*)::float8 AS chunks, avg(keyword_length)::float8 AS mean_length
        FROM chunks WHERE ${reachableSql(Prisma.sql`collection_id`, access, 'VIEWER')} AND model_id = ${modelId}::int`;
      return { chunks: Number(row?.chunks ?? 0), meanLength: Math.max(1, Number(row?.mean_length ?? 1)) };
    });
    if (corpus.chunks === 0) return [];
    const rows = await this.db.$queryRaw<MatchRow[]>`
      WITH terms AS (
        SELECT lexeme, lexeme_query(lexeme) AS query
        FROM unnest(tsvector_to_array(to_tsvector('english', ${query.anyOf}))) AS lexeme
      ),
      required AS (SELECT websearch_to_tsquery('english', ${query.required ?? ''}) AS query),
      -- One row per (chunk, query word it holds), found word by word through the GIN index. For a
      -- one-lexeme query, cover density with every weight 1 is the number of the lexeme's
      -- positions: its term frequency, read without unnesting the tsvector (1.5-3x slower at
      -- 100,000 chunks, docs/benchmarks.md).
      occurrences AS (
        SELECT c.id, c.keyword_length, t.lexeme, ts_rank_cd('{1,1,1,1}', c.tsv, t.query)::float8 AS tf,
               ((numnode(required.query) = 0 OR c.tsv @@ required.query) AND ${searchFilterSql(access, query)}) AS selected
        FROM terms t, required, chunks c
        WHERE c.tsv @@ t.query AND ${reachableSql(Prisma.sql`c.collection_id`, access, 'VIEWER')} AND c.model_id = ${modelId}::int
      ),
      idf AS (
        -- The cached chunk count may trail a burst of writes; a word is never in more chunks than exist.
        SELECT lexeme, ln(1 + (greatest(${corpus.chunks}::float8, count(*)) - count(*) + 0.5) / (count(*) + 0.5)) AS idf
        FROM occurrences GROUP BY lexeme
      ),
      best AS (
        SELECT o.id,
               sum(idf.idf * o.tf * (${BM25_K1}::float8 + 1)
                   / (o.tf + ${BM25_K1}::float8 * (1 - ${BM25_B}::float8 + ${BM25_B}::float8 * o.keyword_length / ${corpus.meanLength}::float8))) AS score
        FROM occurrences o JOIN idf USING (lexeme)
        WHERE o.selected
        GROUP BY o.id
        ORDER BY score DESC, o.id
        LIMIT ${clampLimit(query.limit)}::int
      )
      SELECT c.id, c.document_id, c.ordinal, c.text, c.page, c.heading, best.score::float8 AS score
             ${query.highlight === undefined ? Prisma.empty : Prisma.sql`, ${headlineSql(Prisma.sql`c.text`, query.highlight)} AS marked`}
      FROM best JOIN chunks c USING (id)
      ORDER BY best.score DESC, c.id`;
    return rows.map(toMatch);
  }

  /** Where the words of `words` (stemmed, as keyword search matches them) occur in each of these chunks `access` reaches. */
  async highlight(access: Access, chunkIds: readonly string[], words: string): Promise<ChunkHighlights[]> {
    if (chunkIds.length === 0) return [];
    const rows = await this.db.$queryRaw<{ id: string; text: string; marked: string | null }[]>`
      SELECT c.id, c.text, ${headlineSql(Prisma.sql`c.text`, words)} AS marked
      FROM chunks c
      WHERE ${reachableSql(Prisma.sql`c.collection_id`, access, 'VIEWER')} AND c.id = ANY(${[...chunkIds]}::uuid[])`;
    return rows.map((row) => ({ chunkId: row.id, ranges: markedRanges(row.marked, row.text) }));
  }
}

/** `text` with every occurrence of a word of `words` (stemmed, as keyword search matches them) marked; see highlights.ts. */
function headlineSql(text: Prisma.Sql, words: string): Prisma.Sql {
  return Prisma.sql`ts_headline('english', ${text}, any_lexeme_query(${words}), ${HEADLINE_OPTIONS})`;
}

/**
 * A vector search's rows with their highlights, when asked: marked outside the search, so that
 * only the rows it returns are marked, never the rows an exact scan sorts.
 */
function highlighted(search: Prisma.Sql, words: string | undefined): Prisma.Sql {
  if (words === undefined) return search;
  return Prisma.sql`SELECT found.*, ${headlineSql(Prisma.sql`found.text`, words)} AS marked FROM (${search}) AS found ORDER BY found.score DESC`;
}

function markedRanges(marked: string | null, text: string): [number, number][] {
  return marked === null ? [] : parseMarkedRanges(marked, text);
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
    collectionId: row.collection_id,
    modelId: row.model_id,
    ordinal: row.ordinal,
    text: row.text,
    tokenCount: row.token_count,
    charStart: row.char_start,
    charEnd: row.char_end,
    contentHash: row.content_hash,
    page: row.page,
    heading: row.heading,
  };
}

function toMatch(row: MatchRow): ChunkMatch {
  const match: ChunkMatch = { chunkId: row.id, documentId: row.document_id, ordinal: row.ordinal, text: row.text, page: row.page, heading: row.heading, score: Number(row.score) };
  if (row.marked !== undefined) match.highlights = markedRanges(row.marked, row.text);
  return match;
}
