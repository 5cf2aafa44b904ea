import { type Access, type ChunkMatch, type Database, type DocumentCondition, type JsonObject, isUuid } from '@docent/persistence';
import { DocentError } from '@docent/common';
import { isDocumentId } from '../document-id';
import type { ModelRuntime, ModelRuntimes } from '../models/model-runtime';
import { type KeywordQuery, parseKeywordQuery } from './keyword-query';
import { type FusionSettings, HYBRID_FUSION, fuseRankings } from './rank-fusion';
import { type SearchFilterInput, toDocumentCondition } from './search-filter';

export type SearchMode = 'SEMANTIC' | 'KEYWORD' | 'HYBRID';

export interface SearchOptions {
  /** How many results (1-100, default 10): chunks for `search`, documents for `searchDocuments`. */
  first?: number;
  /** Only within these documents. */
  documentIds?: readonly string[];
  /** Only documents whose metadata contains this object, e.g. `{ team: 'search' }`. */
  metadata?: JsonObject;
  /** Only documents that pass this filter. */
  filter?: SearchFilterInput;
  mode?: SearchMode;
  /**
   * Mark the query's words in each hit now (`SearchHit.highlights`). SEMANTIC and KEYWORD search
   * do it in their own statement, which saves the round trip of `highlights()` afterwards;
   * HYBRID leaves it to `highlights()`, since it ranks more candidates than it returns.
   */
  highlights?: boolean;
}

export interface DocumentSearchOptions extends SearchOptions {
  /** Best passages to return per document (1-10, default 3). */
  passages?: number;
}

export interface SearchHit {
  chunkId: string;
  documentId: string;
  ordinal: number;
  text: string;
  /** The page it starts on (PDF), or null. */
  page: number | null;
  /** The heading it sits under (DOCX), or null. */
  heading: string | null;
  /** SEMANTIC: cosine similarity. KEYWORD: BM25. HYBRID: fused score (see `FusionSettings`). Higher is better. */
  score: number;
  /** 1 for the best hit. */
  rank: number;
  /** The query's words as keyword search reads them: what highlights mark. */
  queryWords: string;
  /** Where `queryWords` occur in `text`, when the search was asked for them and could mark them itself. */
  highlights?: [number, number][];
}

export interface DocumentHit {
  documentId: string;
  /** Its best passage's score. */
  score: number;
  rank: number;
  /** Its best passages, best first. */
  passages: SearchHit[];
}

export const MAX_QUERY_LENGTH = 1_000;
export const MAX_PASSAGES = 10;
/** The deepest a document search looks for `first` distinct documents. */
const MAX_CANDIDATES = 1_000;

interface Scope {
  access: Access;
  modelId: number;
  documentIds?: readonly string[];
  metadata?: JsonObject;
  where?: DocumentCondition;
}

/** One validated query, read once: its keyword form, and its vector embedded on first use only. */
interface Query {
  keyword: KeywordQuery;
  vector: () => Promise<Float32Array>;
}

/** Searches the chunks of the active model an `Access` reaches, by meaning, by keyword, or both fused. */
export class SearchService {
  constructor(
    private readonly db: Pick<Database, 'chunks'>,
    /** Asked once per search: after a promotion the next search reads the new model. */
    private readonly models: Pick<ModelRuntimes, 'active'>,
    private readonly fusion: FusionSettings = HYBRID_FUSION,
  ) {}

  /** The best chunks. */
  async search(access: Access, query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const { parsed, first, scope, mode } = this.validate(access, query, options, await this.models.active());
    const { matches } = await this.rank(scope, parsed, mode, first, options.highlights === true);
    return matches.slice(0, first).map((match, index) => hit(match, index, parsed.keyword.anyOf));
  }

  /** The best documents, each with its best passages: `first` counts documents. */
  async searchDocuments(access: Access, query: string, options: DocumentSearchOptions = {}): Promise<DocumentHit[]> {
    const { parsed, first, scope, mode } = this.validate(access, query, options, await this.models.active());
    const passages = options.passages ?? 3;
    if (!Number.isInteger(passages) || passages < 1 || passages > MAX_PASSAGES) throw new DocentError('BAD_USER_INPUT', `\`passages\` must be between 1 and ${MAX_PASSAGES}`, { field: 'passages' });
    // Several chunks of one document usually rank close together: look deeper until `first`
    // distinct documents turn up or the rankings run out.
    for (let depth = Math.max(first * 4, 40); ; depth *= 2) {
      const { matches, exhausted } = await this.rank(scope, parsed, mode, Math.min(depth, MAX_CANDIDATES));
      const documents = groupByDocument(matches, parsed.keyword.anyOf, passages);
      if (documents.length >= first || exhausted || depth >= MAX_CANDIDATES) return documents.slice(0, first);
    }
  }

  /** Where the query's words occur in the chunks `access` reaches: [start, end) offsets into each chunk's text. */
  async highlights(access: Access, chunkIds: readonly string[], queryWords: string): Promise<Map<string, [number, number][]>> {
    const found = await this.db.chunks.highlight(access, chunkIds.filter(isUuid), queryWords);
    return new Map(found.map(({ chunkId, ranges }) => [chunkId, ranges]));
  }

  private validate(access: Access, query: string, options: SearchOptions, { model, engine }: ModelRuntime) {
    const text = query.trim();
    if (text.length === 0) throw new DocentError('BAD_USER_INPUT', 'The search query must not be empty', { field: 'query' });
    if (text.length > MAX_QUERY_LENGTH) throw new DocentError('BAD_USER_INPUT', `The search query must be at most ${MAX_QUERY_LENGTH} characters`, { field: 'query' });
    if (text.includes('\u0000') || !text.isWellFormed()) throw new DocentError('BAD_USER_INPUT', 'The search query must be valid Unicode without NUL characters', { field: 'query' });
    const first = options.first ?? 10;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new DocentError('BAD_USER_INPUT', '`first` must be between 1 and 100', { field: 'first' });
    const badId = options.documentIds?.find((id) => !isDocumentId(id));
    if (badId !== undefined) throw new DocentError('BAD_USER_INPUT', `Not a document id: ${JSON.stringify(badId.slice(0, 100))}`, { field: 'documentIds' });
    const where = options.filter ? toDocumentCondition(options.filter) : undefined;
    const scope: Scope = { access, modelId: model.id, documentIds: options.documentIds, metadata: options.metadata, where };
    let vector: Promise<Float32Array> | undefined;
    const parsed: Query = { keyword: parseKeywordQuery(text), vector: () => (vector ??= engine.embedQuery(text)) };
    return { parsed, first, scope, mode: options.mode ?? 'HYBRID' };
  }

  /** Chunks best first, at most `depth`; `exhausted` when no deeper look could find more. */
  private async rank(scope: Scope, query: Query, mode: SearchMode, depth: number, highlight = false): Promise<{ matches: ChunkMatch[]; exhausted: boolean }> {
    const marking = highlight ? query.keyword.anyOf : undefined;
    switch (mode) {
      case 'SEMANTIC': {
        const matches = await this.semantic(scope, query, depth, marking);
        return { matches, exhausted: matches.length < depth };
      }
      case 'KEYWORD': {
        const matches = await this.keyword(scope, query, depth, marking);
        return { matches, exhausted: matches.length < depth };
      }
      case 'HYBRID': {
        // Each side looks deeper than the page, so fusion can promote what both agree on.
        const sideDepth = Math.max(depth, this.fusion.candidates);
        const [semantic, keyword] = await Promise.all([this.semantic(scope, query, sideDepth), this.keyword(scope, query, sideDepth)]);
        const fused = fuseRankings([semantic, keyword], [this.fusion.semanticWeight, this.fusion.keywordWeight], this.fusion);
        return { matches: fused.map(({ match, score }) => ({ ...match, score })), exhausted: semantic.length < sideDepth && keyword.length < sideDepth };
      }
    }
  }

  /** Nearest chunks, scored by cosine similarity. */
  private async semantic(scope: Scope, query: Query, limit: number, highlight?: string): Promise<ChunkMatch[]> {
    return this.db.chunks.searchByVector({ ...scope, vector: await query.vector(), limit, highlight });
  }

  private keyword(scope: Scope, query: Query, limit: number, highlight?: string): Promise<ChunkMatch[]> {
    return this.db.chunks.searchByKeyword({ ...scope, ...query.keyword, limit, highlight });
  }
}

function hit(match: ChunkMatch, index: number, queryWords: string): SearchHit {
  return { ...match, rank: index + 1, queryWords };
}

/** Documents in the order of their best chunk, each keeping its best `passages` chunks. */
function groupByDocument(matches: readonly ChunkMatch[], queryWords: string, passages: number): DocumentHit[] {
  const documents = new Map<string, DocumentHit>();
  for (const match of matches) {
    let document = documents.get(match.documentId);
    if (!document) {
      document = { documentId: match.documentId, score: match.score, rank: documents.size + 1, passages: [] };
      documents.set(match.documentId, document);
    }
    if (document.passages.length < passages) document.passages.push(hit(match, document.passages.length, queryWords));
  }
  return [...documents.values()];
}
