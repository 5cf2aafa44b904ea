/**
 * A search query split for keyword ranking. Plain words are alternatives: a chunk matches if it
 * holds any of them, and BM25 ranks it by how many, how rare and how often. Web-search syntax
 * adds constraints on top: `"a phrase"` must appear, `-word` or `-"a phrase"` must not, and `or`
 * between phrases makes either do.
 */
export interface KeywordQuery {
  /** Every positive word, phrases' words included: what matches and what is ranked. */
  anyOf: string;
  /** The constraints, in `websearch_to_tsquery` syntax; empty when there are none. */
  required: string;
}

interface Term {
  text: string;
  phrase: boolean;
  negated: boolean;
}

const TOKEN = /(-?)"([^"]*)"?|(\S+)/g;

export function parseKeywordQuery(query: string): KeywordQuery {
  // Terms in order, each group holding the terms joined by `or`.
  const groups: Term[][] = [[]];
  let pendingOr = false;
  for (const match of query.matchAll(TOKEN)) {
    const [, minus, phrase, word] = match;
    if (word !== undefined && word.toLowerCase() === 'or') {
      pendingOr = (groups.at(-1)?.length ?? 0) > 0;
      continue;
    }
    const term: Term =
      phrase !== undefined
        ? { text: phrase.trim(), phrase: true, negated: minus === '-' }
        : { text: (word as string).replace(/^-+/, ''), phrase: false, negated: (word as string).startsWith('-') && word !== '-' };
    if (term.text === '') continue;
    if (pendingOr && !term.negated) groups.at(-1)?.push(term);
    else groups.push([term]);
    pendingOr = false;
  }

  const positive: string[] = [];
  const required: string[] = [];
  for (const group of groups.filter((terms) => terms.length > 0)) {
    const negated = group.filter((term) => term.negated);
    const alternatives = group.filter((term) => !term.negated);
    positive.push(...alternatives.map((term) => term.text));
    required.push(...negated.map((term) => `-${quoted(term)}`));
    // A group is a constraint only if every alternative is a phrase: `"a b" or word` is satisfied
    // by the word alone, which any-word matching already allows.
    if (alternatives.length > 0 && alternatives.every((term) => term.phrase)) required.push(alternatives.map(quoted).join(' or '));
  }
  return { anyOf: positive.join(' '), required: required.join(' ') };
}

function quoted(term: Term): string {
  // Inside a phrase no `"` can occur (it would have ended the phrase), so quoting is safe.
  return term.phrase ? `"${term.text}"` : `"${term.text.replace(/"/g, ' ')}"`;
}
