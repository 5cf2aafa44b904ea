-- API keys carry what they may do: search, read, ingest, manage. The `scopes` column was stored
-- and never checked; keys made before this acted as their owner in full, and keep doing so for
-- documents (every permission). What no key may do (manage keys, act as an admin) is decided by
-- the auth lib, not stored.
ALTER TABLE api_keys RENAME COLUMN scopes TO permissions;
UPDATE api_keys SET permissions = ARRAY['search', 'read', 'ingest', 'manage'];
ALTER TABLE api_keys ALTER COLUMN permissions SET DEFAULT ARRAY['search', 'read'];
ALTER TABLE api_keys ADD CONSTRAINT api_keys_permissions_known
  CHECK (cardinality(permissions) > 0 AND permissions <@ ARRAY['search', 'read', 'ingest', 'manage']::text[]);
