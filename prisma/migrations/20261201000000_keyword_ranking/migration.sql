-- Keyword search ranks chunks with BM25 (see ChunkRepository.searchByKeyword). BM25 needs each
-- chunk's length in the units its term frequencies are counted in: occurrences of lexemes
-- (words after stemming, stop words left out).
CREATE FUNCTION tsvector_occurrences(tsvector) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(sum(coalesce(array_length(positions, 1), 1)), 0)::integer FROM unnest($1)
$$;

ALTER TABLE chunks
  ADD COLUMN keyword_length INTEGER GENERATED ALWAYS AS (tsvector_occurrences(to_tsvector('english', text))) STORED;

-- The corpus statistics of a search (chunk count, mean length) come from this index alone.
CREATE INDEX chunks_owner_id_model_id_keyword_length_idx ON chunks (owner_id, model_id) INCLUDE (keyword_length);
DROP INDEX chunks_owner_id_model_id_idx;

-- A query matching any of the lexemes of `words` (OR), each lexeme quoted so that no character
-- of the input is read as tsquery syntax; NULL when the words hold no lexeme (only stop words).
CREATE FUNCTION any_lexeme_query(words text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''', ' | ')::tsquery
  FROM unnest(to_tsvector('english', words))
$$;

-- Metadata date filters compare ISO 8601 strings as timestamps; anything else is no date (NULL)
-- rather than an error, since metadata is free-form.
CREATE FUNCTION try_timestamptz(value text) RETURNS timestamptz LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  IF value !~ '^\d{4}-\d{2}-\d{2}([T ][0-9:.]+)?(Z|[+-]\d{2}(:?\d{2})?)?$' THEN
    RETURN NULL;
  END IF;
  RETURN value::timestamptz;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;
