import { randomUUID } from 'node:crypto';
import seedrandom from 'seedrandom';
import type { Database, DocumentRecord, EmbeddingModelRecord, NewChunk, UserRecord } from '../src';
import { inDefaultCollection } from '../src/testing';

/** Deterministic random numbers (seedrandom's Alea), so a failing case can be replayed. */
export function seededRandom(seed: number): () => number {
  return seedrandom.alea(String(seed));
}

export function randomVector(random: () => number, dimension: number): Float32Array {
  const vector = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) vector[i] = random() * 2 - 1;
  return vector;
}

export function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return 1 - dot / Math.sqrt(normA * normB);
}

export function createUser(db: Database, label = 'user'): Promise<UserRecord> {
  return db.users.create({ email: `${label}-${randomUUID()}@example.test`, passwordHash: 'not-a-real-hash' });
}

export function registerModel(db: Database, dimension: number): Promise<EmbeddingModelRecord> {
  return db.embeddingModels.register({ name: `test-model-${dimension}d`, provider: 'test', dimension });
}

/** A model that search reads: completing documents with it needs it active. */
export async function activeModel(db: Database, dimension: number): Promise<EmbeddingModelRecord> {
  return db.embeddingModels.activate((await registerModel(db, dimension)).id);
}

export async function createDocument(db: Database, ownerId: string, title = 'A document'): Promise<DocumentRecord> {
  return db.documents.create({ ...(await inDefaultCollection(db, ownerId)), title, mimeType: 'text/plain', content: title, contentHash: randomUUID() });
}

export function chunksFor(document: DocumentRecord, texts: readonly string[], embeddings: readonly Float32Array[]): NewChunk[] {
  return texts.map((text, ordinal) => ({
    documentId: document.id,
    ordinal,
    text,
    tokenCount: text.split(/\s+/).length,
    charStart: 0,
    charEnd: text.length,
    contentHash: `hash-${ordinal}`,
    embedding: embeddings[ordinal] as Float32Array,
  }));
}
