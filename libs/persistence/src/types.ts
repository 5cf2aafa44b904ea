// Plain records this lib hands out. Callers never see Prisma's generated types.

export type Role = 'USER' | 'ADMIN';
/** A member's rights on a collection, each including the one before: VIEWER (read, search), EDITOR (also add, change, delete documents), OWNER (also members, rename, delete). */
export type CollectionRole = 'VIEWER' | 'EDITOR' | 'OWNER';
export type DocumentStatus = 'PENDING' | 'PROCESSING' | 'READY' | 'FAILED';
export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export interface UserRecord {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
}

export interface UserWithPasswordHash extends UserRecord {
  passwordHash: string;
}

export interface NewUser {
  email: string;
  passwordHash: string;
  role?: Role;
}

/**
 * Who reads or writes documents, and within which collections. Every document and chunk query
 * takes one and reaches only the collections `userId` is a member of (with the role the
 * operation needs), at the moment the statement runs.
 */
export interface Access {
  userId: string;
  /** Only these collections (an API key's, or the ones a search names); absent: all of the user's. */
  collections?: readonly string[];
}

export interface CollectionRecord {
  id: string;
  name: string;
  /** The collection a user's documents go to when they name none. */
  isDefault: boolean;
  createdBy: string;
  createdAt: Date;
  /** The role of the user it was read for. */
  role: CollectionRole;
}

export interface CollectionMemberRecord {
  userId: string;
  email: string;
  role: CollectionRole;
  addedAt: Date;
}

export interface EmbeddingModelRecord {
  id: number;
  name: string;
  provider: string;
  dimension: number;
  /** Search reads this model's vectors, and new documents are embedded with it. */
  active: boolean;
  /** When it last became the active model; null if it never was. */
  activatedAt: Date | null;
  /** When its re-embedding run started; null when no run is building it. */
  buildStartedAt: Date | null;
  indexPrecision: IndexPrecision;
  indexGraph: IndexGraph;
}

/**
 * The precision a model's HNSW index holds its vectors at: `full` (pgvector's `vector`) or
 * `half` (`halfvec`, half the index's size and build memory). Stored vectors stay full either way.
 */
export type IndexPrecision = 'full' | 'half';

/**
 * How a model's HNSW graph is built: links per vector (pgvector's `m`, 2-100) and the candidate
 * list while building (`ef_construction`, 4-1000, at least 2 × m). More of either raises recall
 * at a given ef_search and costs build time and index size.
 */
export interface IndexGraph {
  m: number;
  efConstruction: number;
}

/** How far a model covers the READY documents, and how its re-embedding run is doing. */
export interface ModelCoverage {
  /** READY documents, across all owners. */
  documents: number;
  /** READY documents with this model's vectors. */
  covered: number;
  /** Covered documents when its run started (the run's own work is `covered - coveredAtStart`). */
  coveredAtStart: number;
  /** Chunks of this model. */
  chunks: number;
  /** Chunks of the active model on READY documents: what a run has to re-embed, as counted by the active model's chunking. */
  activeChunks: number;
  /** Documents the run tried the most attempts for and gave up on. */
  failed: number;
  /** The latest failures, newest first (at most 10). */
  failures: { documentId: string; error: string }[];
}

export interface NewEmbeddingModel {
  name: string;
  provider: string;
  dimension: number;
}

/** What `Database.importChunks` did: chunks written (those of missing documents are not), and the seconds spent loading and indexing. */
export interface ChunkImportReport {
  chunks: number;
  loadSeconds: number;
  /** VACUUM (ANALYZE) of the chunks after the load, so that searches find every page marked visible to all. */
  vacuumSeconds: number;
  indexSeconds: number;
}

export interface DocumentRecord {
  id: string;
  /** Who added it: their quota counts it. What others may do with it comes from its collection. */
  ownerId: string;
  collectionId: string;
  title: string;
  sourceId: string | null;
  mimeType: string;
  metadata: JsonObject;
  contentHash: string;
  status: DocumentStatus;
  error: string | null;
  attempts: number;
  chunkCount: number;
  createdAt: Date;
  updatedAt: Date;
  processedAt: Date | null;
}

export interface NewDocument {
  ownerId: string;
  collectionId: string;
  title: string;
  sourceId?: string | null;
  mimeType: string;
  content: string;
  metadata?: JsonObject;
  contentHash: string;
}

/** A document's status changed (or it arrived, or was deleted); announced when the change commits. */
export interface DocumentStatusEvent {
  documentId: string;
  collectionId: string;
  /** Who added it. */
  ownerId: string;
  status: DocumentStatus | 'DELETED';
  chunkCount: number;
  attempts: number;
  /** The first 500 characters of the last failure, if any. */
  error: string | null;
}

/** A page of documents, newest first; `after` is the last document of the previous page. */
export interface DocumentPage {
  first: number;
  after?: { createdAt: Date; id: string };
  status?: DocumentStatus;
  /** Only documents with one of these source ids. */
  sourceIds?: readonly string[];
}

/** A chunk to store; it goes to its document's collection. */
export interface NewChunk {
  documentId: string;
  ordinal: number;
  text: string;
  tokenCount: number;
  charStart: number;
  charEnd: number;
  contentHash: string;
  /** The page it starts on (PDF); null or absent for formats without pages. */
  page?: number | null;
  /** The heading it sits under (DOCX); null or absent when none. */
  heading?: string | null;
  embedding: Float32Array | readonly number[];
}

/** A processed document: all of its chunks, to be written together with its READY status. */
export interface CompletedDocument {
  documentId: string;
  chunks: readonly NewChunk[];
}

export interface ChunkRecord extends Omit<NewChunk, 'embedding' | 'page' | 'heading'> {
  id: string;
  collectionId: string;
  page: number | null;
  heading: string | null;
  modelId: number;
  embedding: Float32Array;
}

/** A chunk without its vector: what callers show. */
export type ChunkSummary = Omit<ChunkRecord, 'embedding'>;

/** A page of one document's chunks in order; `afterOrdinal` is the last ordinal of the previous page. */
export interface ChunkPage {
  modelId: number;
  first: number;
  afterOrdinal?: number;
}

/** The queue at a glance, for metrics and the admin. */
export interface QueueStats {
  counts: Record<DocumentStatus, number>;
  /** How long the longest-waiting due document has waited, in seconds (0 when none waits). */
  oldestDueSeconds: number;
}

/** A chunk found by a search, with how well it matched. */
export interface ChunkMatch {
  chunkId: string;
  documentId: string;
  ordinal: number;
  text: string;
  page: number | null;
  heading: string | null;
  /** Higher is better. Semantic search: cosine similarity (1 = same direction, -1 = opposite). Keyword search: BM25. */
  score: number;
  /** Present when the search was asked to `highlight`: what `ChunkRepository.highlight` would return for this chunk. */
  highlights?: [number, number][];
}

/** Bounds of a range; any may be left out. */
export interface Range<T> {
  gt?: T;
  gte?: T;
  lt?: T;
  lte?: T;
}

/**
 * A condition on documents, composed with and / or / not. Metadata paths name nested keys
 * (`['author', 'name']`); a metadata test on a value of another type (a string where a number is
 * compared, say) is false, never an error. Every value reaches SQL as a parameter.
 */
export type DocumentCondition =
  | { kind: 'and'; conditions: readonly DocumentCondition[] }
  | { kind: 'or'; conditions: readonly DocumentCondition[] }
  | { kind: 'not'; condition: DocumentCondition }
  | { kind: 'metadataEquals'; path: readonly string[]; value: JsonValue }
  | { kind: 'metadataIn'; path: readonly string[]; values: readonly JsonValue[] }
  | { kind: 'metadataExists'; path: readonly string[]; exists: boolean }
  | { kind: 'metadataNumber'; path: readonly string[]; range: Range<number> }
  /** ISO 8601 strings (`2024-05-01`, `2024-05-01T12:00:00Z`); zone-less ones in the database's time zone. */
  | { kind: 'metadataDate'; path: readonly string[]; range: Range<Date> }
  | { kind: 'createdAt' | 'updatedAt'; range: Range<Date> }
  | { kind: 'titleEquals'; value: string }
  /** Case-insensitive substring. */
  | { kind: 'titleContains'; value: string };

/** Narrows a search to some of the documents it reaches; all given parts must hold. */
export interface SearchFilter {
  documentIds?: readonly string[];
  /** Documents whose metadata contains this object (JSONB containment: `{"team": "search"}`). */
  metadata?: JsonObject;
  where?: DocumentCondition;
}

export interface VectorQuery extends SearchFilter {
  access: Access;
  modelId: number;
  vector: Float32Array | readonly number[];
  limit: number;
  /** Words to mark in each result (`ChunkMatch.highlights`), in the search's own statement. */
  highlight?: string;
}

/**
 * A keyword search: chunks holding any word of `anyOf` (stemmed, stop words left out), ranked by
 * BM25 over the chunks of the model it reaches, among those that also satisfy `required`.
 */
export interface KeywordQuery extends SearchFilter {
  access: Access;
  modelId: number;
  anyOf: string;
  /** In `websearch_to_tsquery` syntax: `"phrases" that must appear -and "words" that must not`. */
  required?: string;
  limit: number;
  /** Words to mark in each result (`ChunkMatch.highlights`), in the search's own statement. */
  highlight?: string;
}

/** Where the words of a query occur in a chunk's text: [start, end) offsets in UTF-16 code units. */
export interface ChunkHighlights {
  chunkId: string;
  ranges: [number, number][];
}

export interface ApiKeyRecord {
  id: string;
  ownerId: string;
  name: string;
  /** The key's first characters, safe to show: enough to tell keys apart. */
  prefix: string;
  /** What the key may do: `search`, `read`, `ingest`, `manage` (the database refuses others). */
  permissions: string[];
  /** The collections it is held to; null: every collection of its owner. */
  collections: string[] | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiKey {
  ownerId: string;
  name: string;
  prefix: string;
  keyHash: string;
  permissions: string[];
  collections?: string[] | null;
}

/** An active key found by its hash, with what its owner may do. */
export interface ApiKeyOwner {
  keyId: string;
  ownerId: string;
  role: Role;
  permissions: string[];
  collections: string[] | null;
}

export interface RefreshTokenRecord {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface NewRefreshToken {
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
}

/** A document a worker has claimed, with what it needs to process it. */
export interface ClaimedDocument {
  id: string;
  ownerId: string;
  title: string;
  mimeType: string;
  content: string;
  metadata: JsonObject;
  /** Attempts so far, this one included. */
  attempts: number;
}

export interface ClaimOptions {
  /** Identifies the worker; only the lease holder may complete or fail a document. */
  workerId: string;
  limit: number;
  /** How long the claim holds before another worker may take the document over. */
  leaseMs: number;
}

export interface FailureOptions {
  maxAttempts: number;
  /** Wait before the next attempt: backoffMs × 2^(attempts − 1). */
  backoffMs: number;
}

export interface BuildClaimOptions extends ClaimOptions {
  /** The model being built. */
  modelId: number;
}

export type FailureOutcome = 'RETRY_SCHEDULED' | 'FAILED' | 'LEASE_LOST';
