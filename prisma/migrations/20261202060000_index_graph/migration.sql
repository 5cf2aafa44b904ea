-- A model's HNSW graph may be built with more links per vector (m) and a wider candidate list
-- while building (ef_construction) than pgvector's defaults (16, 64): higher recall at the same
-- ef_search, for a longer build and a larger index (docs/benchmarks.md). pgvector's own limits
-- are checked here too, so a bad setting fails before an index build starts.
ALTER TABLE embedding_models
  ADD COLUMN index_m INTEGER NOT NULL DEFAULT 16 CHECK (index_m BETWEEN 2 AND 100),
  ADD COLUMN index_ef_construction INTEGER NOT NULL DEFAULT 64 CHECK (index_ef_construction BETWEEN 4 AND 1000),
  ADD CONSTRAINT embedding_models_index_graph_check CHECK (index_ef_construction >= 2 * index_m);

DROP FUNCTION ensure_embedding_index(INTEGER);
DROP FUNCTION drop_embedding_index(INTEGER);
DROP FUNCTION build_embedding_index(INTEGER, TEXT);
DROP FUNCTION embedding_index_name(INTEGER, TEXT);

-- pgvector's defaults keep the names earlier versions created, so existing indexes are kept;
-- other graphs get their settings in the name, so a new one can be built beside the old.
CREATE FUNCTION embedding_index_name(p_model_id INTEGER, vector_type TEXT, m INTEGER, ef_construction INTEGER) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'chunks_embedding_model_' || p_model_id
    || CASE vector_type WHEN 'halfvec' THEN '_halfvec' ELSE '' END
    || CASE WHEN m = 16 AND ef_construction = 64 THEN '' ELSE '_m' || m || '_ef' || ef_construction END
    || '_hnsw'
$$;

-- The names every HNSW index of a model has (any precision, any graph settings).
CREATE FUNCTION embedding_index_names(p_model_id INTEGER) RETURNS SETOF text LANGUAGE sql STABLE AS $$
  SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  WHERE i.indrelid = 'chunks'::regclass AND c.relname ~ ('^chunks_embedding_model_' || p_model_id || '(_halfvec)?(_m[0-9]+_ef[0-9]+)?_hnsw$')
$$;

-- Builds a model's HNSW index at one precision ('vector' or 'halfvec') and graph; a no-op when it exists.
CREATE FUNCTION build_embedding_index(p_model_id INTEGER, vector_type TEXT, m INTEGER, ef_construction INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  dims INTEGER;
BEGIN
  IF vector_type NOT IN ('vector', 'halfvec') THEN
    RAISE EXCEPTION 'unknown vector type %', vector_type;
  END IF;
  SELECT dimension INTO STRICT dims FROM embedding_models WHERE id = p_model_id;
  EXECUTE format(
    'CREATE INDEX IF NOT EXISTS %I ON chunks USING hnsw ((embedding::%s(%s)) %s_cosine_ops) WITH (m = %s, ef_construction = %s) WHERE model_id = %s',
    embedding_index_name(p_model_id, vector_type, m, ef_construction), vector_type, dims, vector_type, m, ef_construction, p_model_id);
END;
$$;

-- The model's index as its row describes it, and no other. A change of precision or graph
-- builds the new index first (build_embedding_index), then updates the row, then calls this:
-- searches read the old index until the row changes.
CREATE FUNCTION ensure_embedding_index(p_model_id INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  model embedding_models%ROWTYPE;
  vector_type TEXT;
  wanted TEXT;
  other TEXT;
BEGIN
  SELECT * INTO STRICT model FROM embedding_models WHERE id = p_model_id;
  vector_type := CASE model.index_precision WHEN 'half' THEN 'halfvec' ELSE 'vector' END;
  wanted := embedding_index_name(p_model_id, vector_type, model.index_m, model.index_ef_construction);
  PERFORM build_embedding_index(p_model_id, vector_type, model.index_m, model.index_ef_construction);
  FOR other IN SELECT name FROM embedding_index_names(p_model_id) AS name WHERE name <> wanted LOOP
    EXECUTE format('DROP INDEX IF EXISTS %I', other);
  END LOOP;
END;
$$;

-- Before a large import into a model nobody searches yet: loading without the index and
-- building it once afterwards is several times faster than maintaining it row by row.
CREATE FUNCTION drop_embedding_index(p_model_id INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  other TEXT;
BEGIN
  FOR other IN SELECT name FROM embedding_index_names(p_model_id) AS name LOOP
    EXECUTE format('DROP INDEX IF EXISTS %I', other);
  END LOOP;
END;
$$;
