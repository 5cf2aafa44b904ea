import { toDocumentCondition } from './search-filter';

describe('toDocumentCondition', () => {
  it('turns each part of a filter object into a condition, all of them required', () => {
    const since = new Date('2024-01-01T00:00:00Z');

    expect(
      toDocumentCondition({
        metadata: { path: ['team'], equals: 'search', number: { gte: 2, lt: null } },
        createdAt: { gte: since },
        or: [{ title: { contains: 'notes' } }, { not: { metadata: { path: ['draft'], exists: true } } }],
      }),
    ).toEqual({
      kind: 'and',
      conditions: [
        { kind: 'or', conditions: [{ kind: 'titleContains', value: 'notes' }, { kind: 'not', condition: { kind: 'metadataExists', path: ['draft'], exists: true } }] },
        { kind: 'metadataEquals', path: ['team'], value: 'search' },
        { kind: 'metadataNumber', path: ['team'], range: { gte: 2 } },
        { kind: 'createdAt', range: { gte: since } },
      ],
    });
  });

  it('keeps false and 0 as values to compare with', () => {
    expect(toDocumentCondition({ metadata: { path: ['archived'], equals: false } })).toEqual({ kind: 'metadataEquals', path: ['archived'], value: false });
    expect(toDocumentCondition({ metadata: { path: ['hidden'], exists: false } })).toEqual({ kind: 'metadataExists', path: ['hidden'], exists: false });
  });

  it('refuses nesting 100,000 levels deep without overflowing the stack', () => {
    let filter: Record<string, unknown> = { title: { equals: 'x' } };
    for (let i = 0; i < 100_000; i++) filter = { not: filter };

    expect(() => toDocumentCondition(filter)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'filter' } }));
  });

  it('refuses deeply nested JSON in a metadata value', () => {
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = [value];

    expect(() => toDocumentCondition({ metadata: { path: ['a'], equals: value as number } })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
