import type { ChunkMatch, Database, JsonObject, SearchFilter } from '@docent/persistence';
import { DocumentError } from '../document-error';
import { isDocumentId } from '../document-id';
import { fuseByReciprocalRank } from './reciprocal-rank-fusion';

export type SearchMode = 'SEMANTIC' | 'KEYWORD' | 'HYBRID';

export interface SearchOptions {
  /** How many results (1-100, default 10). */
  first?: number;
  /** Only within these documents. */
  documentIds?: readonly string[];
  /** Only documents whose metadata contains this object, e.g. `{ team: 'search' }`. */
  metadata?: JsonObject;
  mode?: SearchMode;
}

export interface SearchHit {
  chunkId: string;
  documentId: string;
  ordinal: number;
  text: string;
  /** SEMANTIC: cosine similarity. KEYWORD: text rank. HYBRID: reciprocal-rank-fusion score. Higher is better. */
  score: number;
  /** 1 for the best hit. */
  rank: number;
}

export const MAX_QUERY_LENGTH = 1_000;

/** Searches one owner's chunks of the active model, by meaning, by keyword, or both fused. */
export class SearchService {
  constructor(
    private readonly db: Pick<Database, 'chunks'>,
    private readonly embedQuery: (text: string) => Promise<Float32Array>,
    private readonly modelId: number,
  ) {}

  async search(ownerId: string, query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const text = query.trim();
    if (text.length === 0) throw new DocumentError('BAD_USER_INPUT', 'The search query must not be empty', { field: 'query' });
    if (text.length > MAX_QUERY_LENGTH) throw new DocumentError('BAD_USER_INPUT', `The search query must be at most ${MAX_QUERY_LENGTH} characters`, { field: 'query' });
    const first = options.first ?? 10;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new DocumentError('BAD_USER_INPUT', '`first` must be between 1 and 100', { field: 'first' });
    const badId = options.documentIds?.find((id) => !isDocumentId(id));
    if (badId !== undefined) throw new DocumentError('BAD_USER_INPUT', `Not a document id: ${JSON.stringify(badId.slice(0, 100))}`, { field: 'documentIds' });
    const scope = { ownerId, modelId: this.modelId, documentIds: options.documentIds, metadata: options.metadata };

    switch (options.mode ?? 'HYBRID') {
      case 'SEMANTIC':
        return ranked(await this.semantic(scope, text, first));
      case 'KEYWORD':
        return ranked(await this.db.chunks.searchByKeyword({ ...scope, query: text, limit: first }));
      case 'HYBRID': {
        // Each list is deeper than the page, so fusion can promote what both agree on.
        const [semantic, keyword] = await Promise.all([this.semantic(scope, text, first * 2), this.db.chunks.searchByKeyword({ ...scope, query: text, limit: first * 2 })]);
        return ranked(fuseByReciprocalRank([semantic, keyword]).slice(0, first).map(({ match, score }) => ({ ...match, score })));
      }
    }
  }

  /** Nearest chunks, scored by cosine similarity (1 − distance). */
  private async semantic(scope: SearchFilter & { ownerId: string; modelId: number }, text: string, limit: number): Promise<ChunkMatch[]> {
    const vector = await this.embedQuery(text);
    const matches = await this.db.chunks.searchByVector({ ...scope, vector, limit });
    return matches.map((match) => ({ ...match, score: 1 - match.score }));
  }
}

function ranked(matches: readonly ChunkMatch[]): SearchHit[] {
  return matches.map((match, index) => ({ ...match, rank: index + 1 }));
}
