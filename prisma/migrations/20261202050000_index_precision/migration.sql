-- A model's HNSW index may hold its vectors at half precision (pgvector's halfvec): half the
-- index's size and build memory, at a recall cost measured in docs/benchmarks.md. The table
-- keeps full precision either way: re-embedding, exact scans and clients read it.
ALTER TABLE embedding_models
  ADD COLUMN index_precision TEXT NOT NULL DEFAULT 'full' CHECK (index_precision IN ('full', 'half'));

-- The full-precision name is the one earlier versions created, so existing indexes are kept.
CREATE FUNCTION embedding_index_name(p_model_id INTEGER, vector_type TEXT) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'chunks_embedding_model_' || p_model_id || CASE vector_type WHEN 'halfvec' THEN '_halfvec' ELSE '' END || '_hnsw'
$$;

-- Builds a model's HNSW index at one precision ('vector' or 'halfvec'); a no-op when it exists.
CREATE FUNCTION build_embedding_index(p_model_id INTEGER, vector_type TEXT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  dims INTEGER;
BEGIN
  IF vector_type NOT IN ('vector', 'halfvec') THEN
    RAISE EXCEPTION 'unknown vector type %', vector_type;
  END IF;
  SELECT dimension INTO STRICT dims FROM embedding_models WHERE id = p_model_id;
  EXECUTE format(
    'CREATE INDEX IF NOT EXISTS %I ON chunks USING hnsw ((embedding::%s(%s)) %s_cosine_ops) WHERE model_id = %s',
    embedding_index_name(p_model_id, vector_type), vector_type, dims, vector_type, p_model_id);
END;
$$;

-- The model's index at the precision its row records, and none at the other. A precision change
-- builds the new index first (build_embedding_index), then updates the row, then calls this:
-- searches read the old index until the row changes.
CREATE OR REPLACE FUNCTION ensure_embedding_index(p_model_id INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  vector_type TEXT;
BEGIN
  SELECT CASE index_precision WHEN 'half' THEN 'halfvec' ELSE 'vector' END
    INTO STRICT vector_type FROM embedding_models WHERE id = p_model_id;
  PERFORM build_embedding_index(p_model_id, vector_type);
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
