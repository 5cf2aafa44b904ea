import { type GraphQLResolveInfo, buildSchema, graphql } from 'graphql';
import { selectsField } from './selection';

/** Runs `query` against a two-level schema and returns what `selectsField` said inside `items`. */
async function seen(query: string, variables: Record<string, unknown> = {}): Promise<boolean> {
  let answer: boolean | undefined;
  const schema = buildSchema('type Item { id: ID!, marks: [Int!]! } type Query { items: [Item!]! }');
  // graphql-js calls a root value's function with (args, context, info).
  const rootValue = {
    items: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      answer = selectsField(info, 'Item', 'marks');
      return [{ id: '1', marks: [] }];
    },
  };
  const result = await graphql({ schema, rootValue, source: query, variableValues: variables });
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('; '));
  if (answer === undefined) throw new Error('items was not resolved');
  return answer;
}

describe('selectsField', () => {
  it('sees the field selected directly or under an alias', async () => {
    expect(await seen('{ items { id marks } }')).toBe(true);
    expect(await seen('{ items { id spans: marks } }')).toBe(true);
  });

  it('does not see a field that is not selected', async () => {
    expect(await seen('{ items { id } }')).toBe(false);
  });

  it('sees it through named and inline fragments', async () => {
    expect(await seen('{ items { ...Parts } } fragment Parts on Item { marks }')).toBe(true);
    expect(await seen('{ items { ... on Item { marks } } }')).toBe(true);
  });

  it('follows @skip and @include', async () => {
    expect(await seen('query ($off: Boolean!) { items { id marks @skip(if: $off) } }', { off: true })).toBe(false);
    expect(await seen('query ($on: Boolean!) { items { id marks @include(if: $on) } }', { on: true })).toBe(true);
  });
});
