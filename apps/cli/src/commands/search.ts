import { Search } from '../client/operations';
import type { SearchMode } from '../gql/graphql';
import { collectionIds } from './collections';
import { type ConnectionOptions, connect } from './connection';
import type { Terminal } from './ingest';

export interface SearchOptions extends ConnectionOptions {
  first: number;
  mode: string;
  collection: string[];
  json: boolean;
}

/** `docent search`: the best passages for a question, best first. */
export async function search(words: readonly string[], options: SearchOptions, terminal: Terminal): Promise<number> {
  // commander has checked it is one of the modes' names, in lower case.
  const mode = options.mode.toUpperCase() as SearchMode;
  const client = await connect(options);
  try {
    const collections = await collectionIds(client, options.collection);
    const { search: results } = await client.query(Search, { input: { query: words.join(' '), first: options.first, mode, ...(collections.length ? { collections } : {}) } });
    if (options.json) {
      terminal.stdout.write(`${JSON.stringify(results)}\n`);
      return 0;
    }
    if (results.length === 0) terminal.stdout.write('No results.\n');
    for (const result of results) {
      const where = [result.heading, result.page ? `page ${result.page}` : undefined].filter(Boolean).join(', ');
      const source = result.document?.sourceId ?? result.document?.title ?? '(deleted)';
      terminal.stdout.write(`${String(result.rank).padStart(2)}. ${result.score.toFixed(3)}  ${source}${where ? ` (${where})` : ''}\n    ${excerpt(result.text)}\n`);
    }
    return 0;
  } finally {
    await client.close();
  }
}

/** The passage on one line, cut at a word near 200 characters. */
export function excerpt(text: string, length = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.lastIndexOf(' ', length);
  return `${flat.slice(0, cut > length / 2 ? cut : length)} ...`;
}
