-- Switching embedding models without losing search: a model is built in the background (a
-- re-embedding run) while the active one keeps serving, then promoted once it covers every
-- READY document. activated_at orders the models that served before, for rollback.
ALTER TABLE embedding_models
  ADD COLUMN activated_at TIMESTAMPTZ(3),
  ADD COLUMN build_started_at TIMESTAMPTZ(3),
  -- READY documents that already had this model's vectors when its run started: the run's rate
  -- counts only what it did itself.
  ADD COLUMN build_baseline INTEGER NOT NULL DEFAULT 0;

UPDATE embedding_models SET activated_at = created_at WHERE active;

-- A READY document still to embed with a model being built. The row goes in the transaction that
-- writes the document's chunks of that model, so a worker killed mid-way loses and duplicates
-- nothing: its lease expires and another worker takes the task over.
CREATE TABLE embedding_tasks (
  model_id         INTEGER NOT NULL REFERENCES embedding_models(id) ON DELETE CASCADE,
  document_id      UUID NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  status           "DocumentStatus" NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PROCESSING', 'FAILED')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  error            TEXT,
  lease_owner      TEXT,
  lease_expires_at TIMESTAMPTZ(3),
  next_attempt_at  TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  created_at       TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (model_id, document_id)
);
CREATE INDEX embedding_tasks_document_id_idx ON embedding_tasks (document_id);
CREATE INDEX embedding_tasks_due_idx ON embedding_tasks (model_id, status, next_attempt_at);
