-- Rotating refresh tokens. Only a SHA-256 of each token is stored. Tokens of one login share a
-- family: presenting a token that was already rotated revokes the whole family.
CREATE TABLE refresh_tokens (
  id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id   UUID NOT NULL,
  token_hash  TEXT NOT NULL,
  expires_at  TIMESTAMPTZ(3) NOT NULL,
  created_at  TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  revoked_at  TIMESTAMPTZ(3),
  replaced_by UUID
);
CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id);
