-- Docent's initial schema.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TYPE "DocumentStatus" AS ENUM ('PENDING', 'PROCESSING', 'READY', 'FAILED');

CREATE TABLE users (
  id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  email         TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          "Role" NOT NULL DEFAULT 'USER',
  created_at    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE api_keys (
  id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  prefix       TEXT NOT NULL,
  key_hash     TEXT NOT NULL,
  scopes       TEXT[] NOT NULL DEFAULT '{}',
  created_at   TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  last_used_at TIMESTAMPTZ(3),
  revoked_at   TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_owner_id_idx ON api_keys (owner_id);

-- Every stored vector names the model that made it; vectors of different models are
-- never compared. The integer id doubles as the predicate of each model's HNSW index.
CREATE TABLE embedding_models (
  id         SERIAL PRIMARY KEY,
  name       TEXT NOT NULL,
  provider   TEXT NOT NULL,
  dimension  INTEGER NOT NULL CHECK (dimension BETWEEN 1 AND 16000),
  active     BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX embedding_models_name_key ON embedding_models (name);
-- At most one model is active at a time.
CREATE UNIQUE INDEX embedding_models_one_active ON embedding_models (active) WHERE active;

-- The documents table is also the ingestion queue (status + lease + next_attempt_at).
CREATE TABLE documents (
  id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title            TEXT NOT NULL,
  source_id        TEXT,
  mime_type        TEXT NOT NULL,
  content          TEXT NOT NULL,
  metadata         JSONB NOT NULL DEFAULT '{}',
  content_hash     TEXT NOT NULL,
  status           "DocumentStatus" NOT NULL DEFAULT 'PENDING',
  error            TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  chunk_count      INTEGER NOT NULL DEFAULT 0,
  lease_owner      TEXT,
  lease_expires_at TIMESTAMPTZ(3),
  next_attempt_at  TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  created_at       TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  processed_at     TIMESTAMPTZ(3),
  CONSTRAINT documents_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object')
);
CREATE INDEX documents_owner_id_content_hash_idx ON documents (owner_id, content_hash);
CREATE UNIQUE INDEX documents_owner_id_source_id_key ON documents (owner_id, source_id)
  WHERE source_id IS NOT NULL;
CREATE INDEX documents_status_next_attempt_at_idx ON documents (status, next_attempt_at);

CREATE TABLE chunks (
  id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id  UUID NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  -- Denormalized from documents so that every search filters by owner without a join.
  owner_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  model_id     INTEGER NOT NULL REFERENCES embedding_models (id),
  ordinal      INTEGER NOT NULL CHECK (ordinal >= 0),
  text         TEXT NOT NULL,
  token_count  INTEGER NOT NULL CHECK (token_count >= 0),
  char_start   INTEGER NOT NULL CHECK (char_start >= 0),
  char_end     INTEGER NOT NULL CHECK (char_end >= char_start),
  content_hash TEXT NOT NULL,
  -- Unconstrained so one table holds vectors of several models; each model's HNSW index
  -- casts to its own dimension (see chunks_embedding_model_<id>_hnsw).
  embedding    vector NOT NULL,
  dimension    SMALLINT GENERATED ALWAYS AS (vector_dims(embedding)) STORED,
  tsv          tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  created_at   TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX chunks_document_id_model_id_ordinal_key ON chunks (document_id, model_id, ordinal);
CREATE INDEX chunks_owner_id_model_id_idx ON chunks (owner_id, model_id);
CREATE INDEX chunks_tsv_idx ON chunks USING gin (tsv);

-- A vector must have its model's dimension. Checked by the database as well as by the
-- repository so that no write path can store a vector another model's index would choke on.
CREATE FUNCTION chunks_check_dimension() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  expected INTEGER;
BEGIN
  SELECT dimension INTO expected FROM embedding_models WHERE id = NEW.model_id;
  IF expected IS DISTINCT FROM vector_dims(NEW.embedding) THEN
    RAISE EXCEPTION 'embedding has % dimensions but model % expects %',
      vector_dims(NEW.embedding), NEW.model_id, expected
      USING ERRCODE = 'data_exception';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER chunks_check_dimension BEFORE INSERT OR UPDATE OF embedding, model_id ON chunks
  FOR EACH ROW EXECUTE FUNCTION chunks_check_dimension();

-- One HNSW (cosine) index per embedding model: a partial expression index that casts the
-- unconstrained column to the model's dimension. Called whenever a model is registered.
CREATE FUNCTION ensure_embedding_index(p_model_id INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  dims INTEGER;
BEGIN
  SELECT dimension INTO STRICT dims FROM embedding_models WHERE id = p_model_id;
  EXECUTE format(
    'CREATE INDEX IF NOT EXISTS %I ON chunks USING hnsw ((embedding::vector(%s)) vector_cosine_ops) WHERE model_id = %s',
    'chunks_embedding_model_' || p_model_id || '_hnsw', dims, p_model_id);
END;
$$;
