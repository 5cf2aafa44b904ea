-- A model's HNSW index may hold its vectors at half precision (pgvector's halfvec): half the
-- index's size and build memory, at a recall cost measured in docs/benchmarks.md. The table
-- keeps full precision either way: re-embedding, exact scans and clients read it.
ALTER TABLE embedding_models
  ADD COLUMN index_precision TEXT NOT NULL DEFAULT 'full' CHECK (index_precision IN ('full', 'half'));

-- The full-precision name is the one earlier versions created, so existing indexes are kept.
CREATE FUNCTION embedding_index_name(p_model_id INTEGER, vector_type TEXT) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'chunks_embedding_model_' || p_model_id || CASE vector_type WHEN 'halfvec' THEN '_halfvec' ELSE '' END || '_hnsw'
$$;

-- Builds the model's index at its precision (a no-op when it exists), then drops its index at
-- the other precision: a precision change keeps an index serving until the new one is built.
CREATE OR REPLACE FUNCTION ensure_embedding_index(p_model_id INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  dims INTEGER;
  vector_type TEXT;
BEGIN
  SELECT dimension, CASE index_precision WHEN 'half' THEN 'halfvec' ELSE 'vector' END
    INTO STRICT dims, vector_type FROM embedding_models WHERE id = p_model_id;
  EXECUTE format(
    'CREATE INDEX IF NOT EXISTS %I ON chunks USING hnsw ((embedding::%s(%s)) %s_cosine_ops) WHERE model_id = %s',
    embedding_index_name(p_model_id, vector_type), vector_type, dims, vector_type, p_model_id);
  EXECUTE format('DROP INDEX IF EXISTS %I',
    embedding_index_name(p_model_id, CASE vector_type WHEN 'halfvec' THEN 'vector' ELSE 'halfvec' END));
END;
$$;

-- Before a large import into a model nobody searches yet: loading without the index and
-- building it once afterwards is several times faster than maintaining it row by row.
CREATE FUNCTION drop_embedding_index(p_model_id INTEGER) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP INDEX IF EXISTS %I', embedding_index_name(p_model_id, 'vector'));
  EXECUTE format('DROP INDEX IF EXISTS %I', embedding_index_name(p_model_id, 'halfvec'));
END;
$$;
