import { Prisma } from '../generated/prisma/client';
import { PersistenceError } from '../errors';
import type { Access, DocumentCondition, Range, SearchFilter } from '../types';
import { reachableSql } from './access';

/**
 * How deep and how large a condition may be. Callers validate their input against their own
 * (smaller) limits first; these guard the recursion below against any caller.
 */
const MAX_DEPTH = 32;
const MAX_NODES = 1_000;

/**
 * A boolean SQL expression over a chunk row (`document_id`) that holds when the chunk's document
 * passes `filter`. Metadata and condition tests read only documents `access` reaches.
 */
export function searchFilterSql(access: Access, { documentIds, metadata, where }: SearchFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (documentIds !== undefined) parts.push(Prisma.sql`document_id = ANY(${[...documentIds]}::uuid[])`);
  const documentTests: Prisma.Sql[] = [];
  if (metadata !== undefined) documentTests.push(Prisma.sql`d.metadata @> ${JSON.stringify(metadata)}::jsonb`);
  if (where !== undefined) documentTests.push(conditionSql(where, { nodes: 0 }, 0));
  if (documentTests.length > 0) {
    parts.push(Prisma.sql`document_id IN (SELECT d.id FROM documents d WHERE ${reachableSql(Prisma.sql`d.collection_id`, access, 'VIEWER')} AND ${Prisma.join(documentTests, ' AND ')})`);
  }
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, ' AND ');
}

/** Every leaf is two-valued (COALESCE to false), so `not` of a test on a missing key holds. */
function conditionSql(condition: DocumentCondition, budget: { nodes: number }, depth: number): Prisma.Sql {
  if (depth > MAX_DEPTH || ++budget.nodes > MAX_NODES) throw new PersistenceError('INVALID_FILTER', 'The filter is too deep or too large');
  switch (condition.kind) {
    case 'and':
    case 'or': {
      if (condition.conditions.length === 0) return condition.kind === 'and' ? Prisma.sql`TRUE` : Prisma.sql`FALSE`;
      const parts = condition.conditions.map((part) => conditionSql(part, budget, depth + 1));
      return Prisma.sql`(${Prisma.join(parts, condition.kind === 'and' ? ' AND ' : ' OR ')})`;
    }
    case 'not':
      return Prisma.sql`(NOT ${conditionSql(condition.condition, budget, depth + 1)})`;
    case 'metadataEquals':
      return leaf(Prisma.sql`${value(condition.path)} = ${JSON.stringify(condition.value)}::jsonb`);
    case 'metadataIn':
      return leaf(Prisma.sql`${value(condition.path)} = ANY(${condition.values.map((entry) => JSON.stringify(entry))}::text[]::jsonb[])`);
    case 'metadataExists':
      return condition.exists ? Prisma.sql`(${value(condition.path)} IS NOT NULL)` : Prisma.sql`(${value(condition.path)} IS NULL)`;
    case 'metadataNumber': {
      const number = Prisma.sql`(CASE WHEN jsonb_typeof(${value(condition.path)}) = 'number' THEN (${value(condition.path)})::numeric END)`;
      return rangeSql(number, condition.range, (bound) => Prisma.sql`${bound}::float8::numeric`);
    }
    case 'metadataDate': {
      const date = Prisma.sql`(CASE WHEN jsonb_typeof(${value(condition.path)}) = 'string' THEN try_timestamptz(d.metadata #>> ${[...condition.path]}::text[]) END)`;
      return rangeSql(date, condition.range, timestamp);
    }
    case 'createdAt':
      return rangeSql(Prisma.sql`d.created_at`, condition.range, timestamp);
    case 'updatedAt':
      return rangeSql(Prisma.sql`d.updated_at`, condition.range, timestamp);
    case 'titleEquals':
      return Prisma.sql`(d.title = ${condition.value})`;
    case 'titleContains':
      return Prisma.sql`(strpos(lower(d.title), lower(${condition.value})) > 0)`;
  }
}

function value(path: readonly string[]): Prisma.Sql {
  return Prisma.sql`(d.metadata #> ${[...path]}::text[])`;
}

function timestamp(bound: Date): Prisma.Sql {
  return Prisma.sql`${bound.toISOString()}::timestamptz`;
}

function leaf(test: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`COALESCE(${test}, FALSE)`;
}

function rangeSql<T>(subject: Prisma.Sql, range: Range<T>, bound: (value: T) => Prisma.Sql): Prisma.Sql {
  const tests: Prisma.Sql[] = [];
  if (range.gt !== undefined) tests.push(Prisma.sql`${subject} > ${bound(range.gt)}`);
  if (range.gte !== undefined) tests.push(Prisma.sql`${subject} >= ${bound(range.gte)}`);
  if (range.lt !== undefined) tests.push(Prisma.sql`${subject} < ${bound(range.lt)}`);
  if (range.lte !== undefined) tests.push(Prisma.sql`${subject} <= ${bound(range.lte)}`);
  if (tests.length === 0) throw new PersistenceError('INVALID_FILTER', 'A range needs at least one bound');
  return leaf(Prisma.join(tests, ' AND '));
}
