-- Every change of a document's status (and its arrival and deletion) is announced on the
-- `docent_document_status` channel when its transaction commits, to every process listening on
-- this database: subscriptions follow workers running anywhere. Payloads stay far below
-- NOTIFY's 8,000 bytes: ids, the status, counts, and at most 500 characters of the error.
CREATE FUNCTION documents_notify_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row documents;
BEGIN
  IF TG_OP = 'DELETE' THEN row := OLD; ELSE row := NEW; END IF;
  PERFORM pg_notify('docent_document_status', json_build_object(
    'documentId', row.id,
    'collectionId', row.collection_id,
    'ownerId', row.owner_id,
    'status', CASE WHEN TG_OP = 'DELETE' THEN 'DELETED' ELSE row.status::text END,
    'chunkCount', row.chunk_count,
    'attempts', row.attempts,
    'error', left(row.error, 500)
  )::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER documents_status_insert AFTER INSERT ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_notify_status();
CREATE TRIGGER documents_status_update AFTER UPDATE OF status ON documents
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION documents_notify_status();
CREATE TRIGGER documents_status_delete AFTER DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_notify_status();
