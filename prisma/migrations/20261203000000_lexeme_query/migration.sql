-- Keyword search counts each query word in each chunk with a query for that one lexeme (see
-- ChunkRepository.searchByKeyword). The lexeme is quoted so that no character of it is read as
-- tsquery syntax; any_lexeme_query now builds on it, so both quote the same way.
CREATE FUNCTION lexeme_query(lexeme text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''')::tsquery
$$;

CREATE OR REPLACE FUNCTION any_lexeme_query(words text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(lexeme_query(lexeme)::text, ' | ')::tsquery
  FROM unnest(to_tsvector('english', words))
$$;
