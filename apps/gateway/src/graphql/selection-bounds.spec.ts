import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { selectionBoundsRule } from './selection-bounds';

const schema = buildSchema('type Query { node: Node, name: String } type Node { child: Node, name: String }');
const rule = selectionBoundsRule({ maxDepth: 3, maxFields: 100 });
const errors = (query: string) => validate(schema, parse(query), [...specifiedRules, rule]).map((error) => error.message);

/** `count` fragments on Query, each spreading the previous one twice: 2^(count - 1) fields once expanded. */
function doubling(count: number): string {
  const fragments = Array.from({ length: count }, (_, i) => (i === 0 ? 'fragment F0 on Query { name }' : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`));
  return `query Doubling { ...F${count - 1} } ${fragments.join(' ')}`;
}

describe('selectionBoundsRule', () => {
  it('measures depth through fragments and inline fragments, introspection excepted', () => {
    expect(errors('{ node { child { child { name } } } }')).toEqual([]);
    expect(errors('query Deep { ...A } fragment A on Query { node { ... on Node { child { child { child { name } } } } } }')).toEqual(["'Deep' exceeds maximum operation depth of 3"]);
    expect(errors('{ __schema { types { fields { type { name } } } } }')).toEqual([]);
  });

  it('leaves a fragment cycle to the standard rule instead of overflowing the stack', () => {
    expect(errors('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }')).toEqual(['Cannot spread fragment "A" within itself via "B".']);
  });

  it('counts fields with fragments expanded, measuring each fragment once', () => {
    expect(errors(doubling(7))).toEqual([]);
    expect(errors(doubling(8))).toEqual(["'Doubling' asks for 128 fields once its fragments are expanded, more than the limit of 100"]);
    expect(errors(doubling(2_000))).toEqual(["'Doubling' asks for more than 10^15 fields once its fragments are expanded, more than the limit of 100"]);
  });
});
