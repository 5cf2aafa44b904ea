import { DocentError } from './docent-error';

/** One page of a list, in the Relay connection's shape (`nodes` and `pageInfo`). */
export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The largest `first` any list accepts. */
export const MAX_PAGE_SIZE = 100;

/** Checks a client's `first`: refused, never clamped, so a client learns its page was not what it asked for. */
export function checkPageSize(first: number, max = MAX_PAGE_SIZE): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new DocentError('BAD_USER_INPUT', `\`first\` must be between 1 and ${max}`, { field: 'first' });
  }
  return first;
}

/**
 * A page from `first + 1` rows read in order: the extra row only says another page exists.
 * `cursorOf` makes the opaque cursor of the page's last node.
 */
export function pageFromRows<T>(rows: readonly T[], first: number, cursorOf: (node: T) => string): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return { nodes, pageInfo: { hasNextPage: rows.length > first, endCursor: last === undefined ? null : cursorOf(last) } };
}
