/**
 * What an API key may be given, one per kind of operation: `search` (search, searchDocuments),
 * `read` (documents and their content and chunks), `ingest` (ingest, reprocess), `manage` (delete).
 * A password sign-in has all of them.
 */
export const PERMISSIONS = ['search', 'read', 'ingest', 'manage'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What an operation may ask of its caller with `@Authorized(...)`: nothing (any signed-in
 * caller), a permission, `ACCOUNT` (the account's own credentials and keys: a password sign-in
 * only, never an API key) or `ADMIN` (an admin signed in with a password, never an API key).
 * The auth lib's checker is the one place that decides.
 */
export type Requirement = Permission | 'ACCOUNT' | 'ADMIN';
