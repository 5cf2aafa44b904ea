import type { Access, ChunkSummary, DocumentRecord } from '@docent/persistence';
import type { CollectionService } from '../collections/collection-service';
import type { DocumentStatusFeed } from '../events/document-status-feed';
import type { RequestViewer } from '@docent/graphql';
import DataLoader from 'dataloader';
import { DocentError, type Page } from '@docent/common';
import type { DocumentIntake } from '../intake/document-intake';
import type { ChunkListOptions, DocumentLibrary } from '../library/document-library';
import type { ModelLifecycle } from '../models/model-lifecycle';
import type { ModelRuntimes } from '../models/model-runtime';
import type { SearchService } from '../search/search.service';


/** The documents services a process shares across requests. */
export interface DocumentsServices {
  collections: CollectionService;
  intake: DocumentIntake;
  library: DocumentLibrary;
  search: SearchService;
  /** The models this process serves; `active()` is the one search reads now. */
  models: Pick<ModelRuntimes, 'active'>;
  /** Switching models: admins only. */
  lifecycle: ModelLifecycle;
  /** Document status changes, for subscriptions. */
  statusFeed: DocumentStatusFeed;
  /** How often progress subscriptions count again, in ms. */
  progressIntervalMs: number;
}

/**
 * The services plus what lives for one request: loaders that batch the per-item lookups of
 * field resolvers (a search result's document, each listed document's content and chunks) into
 * one query per field.
 */
export interface DocumentsRequestScope extends DocumentsServices {
  documentById: DataLoader<string, DocumentRecord | null>;
  contentById: DataLoader<string, string | null>;
  chunkPage: DataLoader<ChunkPageKey, Page<ChunkSummary>, string>;
  highlights: DataLoader<HighlightKey, [number, number][], string>;
}

export interface HighlightKey {
  chunkId: string;
  queryWords: string;
}

export interface ChunkPageKey extends ChunkListOptions {
  documentId: string;
}

/** The part of the GraphQL context the documents resolvers need; the gateway's context extends it. */
export interface DocumentsContext {
  viewer: RequestViewer;
  documents: DocumentsRequestScope;
}

/** What a viewer reaches: their collections, or those their API key is held to; undefined when signed out. */
export function viewerAccess(viewer: RequestViewer): Access | undefined {
  if (viewer.kind !== 'user') return undefined;
  return viewer.collections === undefined ? { userId: viewer.id } : { userId: viewer.id, collections: viewer.collections };
}

/** A new request scope: loaders cache per request only, and only what the viewer reaches. */
export function documentsRequestScope(services: DocumentsServices, viewer: RequestViewer): DocumentsRequestScope {
  const access = viewerAccess(viewer);
  const { library } = services;
  return {
    ...services,
    documentById: new DataLoader(async (ids) => (access === undefined ? nothing(ids) : library.findMany(access, ids))),
    contentById: new DataLoader(async (ids) => (access === undefined ? nothing(ids) : library.contents(access, ids))),
    chunkPage: new DataLoader(
      async (keys: readonly ChunkPageKey[]) => {
        if (access === undefined) return keys.map(() => new DocentError('UNAUTHENTICATED', 'Sign in first'));
        // Keys asking for the same page (the usual case: one field over a list) share one query.
        const groups = new Map<string, ChunkPageKey[]>();
        for (const key of keys) groups.set(pageOf(key), [...(groups.get(pageOf(key)) ?? []), key]);
        const pages = new Map<string, Page<ChunkSummary>>();
        for (const group of groups.values()) {
          const { first, after } = group[0] as ChunkPageKey;
          const results = await library.chunksOfMany(access, group.map((key) => key.documentId), { first, after });
          group.forEach((key, i) => pages.set(cacheKey(key), results[i] as Page<ChunkSummary>));
        }
        return keys.map((key) => pages.get(cacheKey(key)) as Page<ChunkSummary>);
      },
      { cacheKeyFn: cacheKey },
    ),
    highlights: new DataLoader(
      async (keys: readonly HighlightKey[]) => {
        if (access === undefined) return keys.map(() => []);
        // One query per distinct query text: usually one for the whole response.
        const found = new Map<string, [number, number][]>();
        for (const words of new Set(keys.map((key) => key.queryWords))) {
          const ranges = await services.search.highlights(access, keys.filter((key) => key.queryWords === words).map((key) => key.chunkId), words);
          for (const [chunkId, chunkRanges] of ranges) found.set(JSON.stringify([words, chunkId]), chunkRanges);
        }
        return keys.map((key) => found.get(JSON.stringify([key.queryWords, key.chunkId])) ?? []);
      },
      { cacheKeyFn: (key) => JSON.stringify([key.queryWords, key.chunkId]) },
    ),
  };
}

function nothing(ids: readonly string[]): null[] {
  return ids.map(() => null);
}

function pageOf({ first, after }: ChunkListOptions): string {
  return JSON.stringify([first, after]);
}

function cacheKey(key: ChunkPageKey): string {
  return JSON.stringify([key.documentId, key.first, key.after]);
}
