// The keyword rankings considered for KEYWORD search, as plain SQL over Docent's chunks table, so
// they can be compared on the same data. Each takes (query, owner, model, limit) and returns
// chunks best first. Docent's own ranking is the repository's, measured through the API.
import type { SqlSession } from '@docent/persistence/testing';

export interface KeywordVariant {
  name: string;
  sql: string;
}

/** Any lexeme of the query (the migration's function, which keyword search uses too). */
const OR_OF_LEXEMES = 'any_lexeme_query($1)';

function tsRank(fn: 'ts_rank' | 'ts_rank_cd', normalization: number, query: string): KeywordVariant {
  return {
    name: `${fn}, ${query === OR_OF_LEXEMES ? 'any word' : 'all words (websearch_to_tsquery)'}, normalization ${normalization}`,
    sql: `SELECT c.id, c.document_id FROM chunks c, (SELECT ${query}) AS q(query)
          WHERE c.collection_id = $2 AND c.model_id = $3 AND c.tsv @@ q.query
          ORDER BY ${fn}(c.tsv, q.query, ${normalization}) DESC, c.id LIMIT $4`,
  };
}

function bm25(k1: number, b: number): KeywordVariant {
  return {
    name: `BM25 k1 = ${k1}, b = ${b}`,
    sql: `WITH terms AS (
            SELECT tsvector_to_array(to_tsvector('english', $1)) AS lexemes, ${OR_OF_LEXEMES} AS any_term
          ),
          scope AS (SELECT count(*)::float8 AS n, coalesce(avg(keyword_length), 1)::float8 AS avgdl FROM chunks WHERE collection_id = $2 AND model_id = $3),
          occurrences AS (
            SELECT c.id, c.document_id, c.keyword_length, u.lexeme, coalesce(array_length(u.positions, 1), 1)::float8 AS tf
            FROM terms, chunks c, unnest(ts_filter(setweight(c.tsv, 'A', terms.lexemes), '{a}')) AS u(lexeme, positions, weights)
            WHERE c.collection_id = $2 AND c.model_id = $3 AND c.tsv @@ terms.any_term
          ),
          idf AS (SELECT lexeme, ln(1 + (scope.n - count(*) + 0.5) / (count(*) + 0.5)) AS idf FROM occurrences, scope GROUP BY lexeme, scope.n)
          SELECT o.id, o.document_id FROM occurrences o JOIN idf USING (lexeme), scope
          GROUP BY o.id, o.document_id
          ORDER BY sum(idf.idf * o.tf * (${k1} + 1) / (o.tf + ${k1} * (1 - ${b} + ${b} * o.keyword_length / scope.avgdl))) DESC, o.id
          LIMIT $4`,
  };
}

export const KEYWORD_VARIANTS: readonly KeywordVariant[] = [
  tsRank('ts_rank_cd', 0, `websearch_to_tsquery('english', $1)`),
  tsRank('ts_rank_cd', 0, OR_OF_LEXEMES),
  tsRank('ts_rank_cd', 1, OR_OF_LEXEMES),
  tsRank('ts_rank', 0, OR_OF_LEXEMES),
  tsRank('ts_rank', 1, OR_OF_LEXEMES),
  tsRank('ts_rank', 2, OR_OF_LEXEMES),
  bm25(0.9, 0.4),
  bm25(1.2, 0.5),
  bm25(1.2, 0.75),
  bm25(1.5, 0.75),
  bm25(2.0, 0.75),
  bm25(1.2, 0.9),
];

/** Each query's documents, best first, by one variant. */
export async function rankDocumentsBy(session: SqlSession, variant: KeywordVariant, queries: readonly string[], collectionId: string, modelId: number): Promise<{ documents: string[][]; latencyMs: number[] }> {
  const documents: string[][] = [];
  const latencyMs: number[] = [];
  for (const query of queries) {
    const start = performance.now();
    const rows = await session.query<{ document_id: string }>(variant.sql, [query, collectionId, modelId, 100]);
    latencyMs.push(performance.now() - start);
    documents.push(rows.map((row) => row.document_id));
  }
  return { documents, latencyMs };
}
