import type { RequestHandler } from 'express';

/** Deeper than any input of the schema needs (a search filter nests at most 6 levels). */
export const MAX_VARIABLE_DEPTH = 32;

/**
 * Refuses variables nested deeper than `maxDepth` before GraphQL sees them: coercing input
 * objects is recursive (graphql-js, then type-graphql), and a few thousand levels of JSON would
 * exhaust the stack and surface as an internal error. Counted without recursion.
 */
export function limitVariableDepth(maxDepth = MAX_VARIABLE_DEPTH): RequestHandler {
  return (request, response, next) => {
    const raw: unknown = request.method === 'GET' ? request.query['variables'] : (request.body as { variables?: unknown } | undefined)?.variables;
    if (depthOf(parsed(raw)) <= maxDepth) {
      next();
      return;
    }
    response.status(400).json({ errors: [{ message: `Variables nest deeper than ${maxDepth} levels`, extensions: { code: 'BAD_USER_INPUT' } }] });
  };
}

/** GET requests carry variables as a JSON string; anything unparsable is left for Apollo to refuse. */
function parsed(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const entry of Object.values(current)) stack.push([entry, depth + 1]);
  }
  return deepest;
}
