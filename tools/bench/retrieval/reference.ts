// The independent reference: BM25 over whole documents by MiniSearch, a well-kept search library
// with nothing of Docent in it (its own tokenizer, no stemming, BM25 with k1 = 1.2, b = 0.7).
import MiniSearch from 'minisearch';
import type { RetrievalPair } from './man-pages';

export function referenceRankings(pairs: readonly RetrievalPair[]): string[][] {
  const index = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
  index.addAll(pairs.map((pair) => ({ id: pair.page, text: pair.document })));
  return pairs.map((pair) => index.search(pair.query).slice(0, 10).map((result) => String(result.id)));
}
