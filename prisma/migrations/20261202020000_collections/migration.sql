-- Collections: every document belongs to exactly one, and what a user may do with a document
-- comes only from their membership of its collection (VIEWER < EDITOR < OWNER, in this order:
-- rights are compared with >=). Each user has a default collection; the documents stored before
-- this move into their owner's, with their chunks, and nothing else about them changes.
CREATE TYPE collection_role AS ENUM ('VIEWER', 'EDITOR', 'OWNER');

CREATE TABLE collections (
  id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Who created it: their default collection is found by it, and their names are unique.
  created_by UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name       TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  is_default BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX collections_created_by_name_key ON collections (created_by, name);
CREATE UNIQUE INDEX collections_one_default ON collections (created_by) WHERE is_default;

CREATE TABLE collection_members (
  collection_id UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  user_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role          collection_role NOT NULL,
  created_at    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (collection_id, user_id)
);
-- Every scoped query starts here: the collections one user may reach with at least some role.
CREATE INDEX collection_members_user_id_idx ON collection_members (user_id, collection_id, role);

INSERT INTO collections (created_by, name, is_default) SELECT id, 'Default', true FROM users;
INSERT INTO collection_members (collection_id, user_id, role) SELECT id, created_by, 'OWNER' FROM collections;

-- documents.owner_id stays: who added the document (their quota, their turn in the queue).
ALTER TABLE documents ADD COLUMN collection_id UUID REFERENCES collections (id) ON DELETE CASCADE;
UPDATE documents d SET collection_id = c.id FROM collections c WHERE c.created_by = d.owner_id AND c.is_default;
ALTER TABLE documents ALTER COLUMN collection_id SET NOT NULL;
-- The target of the chunks' (document, collection) key below.
ALTER TABLE documents ADD CONSTRAINT documents_id_collection_id_key UNIQUE (id, collection_id);

-- A source id and identical content are recognised within a collection.
DROP INDEX documents_owner_id_source_id_key;
CREATE UNIQUE INDEX documents_collection_id_source_id_key ON documents (collection_id, source_id) WHERE source_id IS NOT NULL;
DROP INDEX documents_owner_id_content_hash_idx;
CREATE INDEX documents_collection_id_content_hash_idx ON documents (collection_id, content_hash);
CREATE INDEX documents_collection_id_created_at_idx ON documents (collection_id, created_at DESC, id DESC);
CREATE INDEX documents_owner_id_idx ON documents (owner_id);

-- Chunks carry their document's collection (denormalized so every search filters without a join);
-- the composite key makes the database keep the two equal.
ALTER TABLE chunks ADD COLUMN collection_id UUID;
UPDATE chunks c SET collection_id = d.collection_id FROM documents d WHERE d.id = c.document_id;
ALTER TABLE chunks ALTER COLUMN collection_id SET NOT NULL;
ALTER TABLE chunks ADD CONSTRAINT chunks_document_collection_fkey
  FOREIGN KEY (document_id, collection_id) REFERENCES documents (id, collection_id) ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX chunks_collection_id_model_id_keyword_length_idx ON chunks (collection_id, model_id) INCLUDE (keyword_length);
DROP INDEX chunks_owner_id_model_id_keyword_length_idx;
ALTER TABLE chunks DROP COLUMN owner_id;

-- An API key may be held to some of its owner's collections; NULL: all of them (every key made
-- before this). It never reaches more than its owner may at the time of use.
ALTER TABLE api_keys ADD COLUMN collections UUID[];
