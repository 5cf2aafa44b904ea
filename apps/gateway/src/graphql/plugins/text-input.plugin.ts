import type { ApolloServerPlugin } from '@apollo/server';
import { DocentError } from '@docent/common';
import { toGraphQLError } from '@docent/graphql';
import { type DocumentNode, visit } from 'graphql';

/**
 * Why a string cannot be stored or searched: PostgreSQL text and jsonb hold no NUL character,
 * and a lone UTF-16 surrogate has no UTF-8 form (the driver would silently change it).
 */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (!text.isWellFormed()) return 'is not valid Unicode (it contains an unpaired surrogate)';
  return undefined;
}

/**
 * The edge check every string argument passes, whatever its field: each string in the
 * variables (object keys included, as in metadata) and each string literal in the query.
 * A bad one is BAD_USER_INPUT naming where it was, before any resolver runs, so nothing a
 * client sends reaches the database as text it cannot hold.
 */
export function textInputPlugin(): ApolloServerPlugin {
  // Apollo parses a query text once and hands out the same document after, so its literals are
  // checked once: walking the document on every request took about 20 µs of a signed-in trivial
  // query's 1.2 ms of CPU in a profile.
  const literals = new WeakMap<DocumentNode, Found | null>();
  const literalIn = (document: DocumentNode) => {
    let found = literals.get(document);
    if (found === undefined) literals.set(document, (found = badLiteral(document) ?? null));
    return found ?? undefined;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const found = badVariable(request.variables ?? {}) ?? literalIn(document);
          if (found) throw toGraphQLError(new DocentError('BAD_USER_INPUT', `${found.field} ${found.problem}`, { field: found.field }), { http: { status: 400 } });
        },
      };
    },
  };
}

interface Found {
  field: string;
  problem: string;
}

/** Walks the variables without recursion (their depth is bounded, but not by much). */
function badVariable(variables: Record<string, unknown>): Found | undefined {
  const stack: [unknown, string][] = Object.entries(variables).map(([name, value]) => [value, name]);
  while (stack.length > 0) {
    const [value, field] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { field, problem };
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${field}[${i}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const problem = textProblem(key);
        if (problem) return { field: `a key of ${field}`, problem };
        stack.push([item, `${field}.${key}`]);
      }
    }
  }
  return undefined;
}

/** Names a literal by its argument and input fields, e.g. `input.email`. */
function badLiteral(document: DocumentNode): Found | undefined {
  let found: Found | undefined;
  const path: string[] = [];
  visit(document, {
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    StringValue(node) {
      const problem = textProblem(node.value);
      if (problem && !found) found = { field: path.join('.') || 'a string in the query', problem };
    },
  });
  return found;
}
