import type { DocumentCondition, JsonValue, Range } from '@docent/persistence';
import { z } from 'zod';
import { DocentError } from '@docent/common';

/** A filter as callers send it (the GraphQL `SearchFilter` input): the parts of one object must all hold. */
export interface SearchFilterInput {
  and?: SearchFilterInput[] | null;
  or?: SearchFilterInput[] | null;
  not?: SearchFilterInput | null;
  metadata?: MetadataFilterInput | null;
  title?: { equals?: string | null; contains?: string | null } | null;
  createdAt?: RangeInput<Date> | null;
  updatedAt?: RangeInput<Date> | null;
}

export interface MetadataFilterInput {
  /** Keys from the top of the metadata object down: `['author', 'name']`. */
  path: string[];
  equals?: JsonValue;
  in?: JsonValue[] | null;
  exists?: boolean | null;
  number?: RangeInput<number> | null;
  date?: RangeInput<Date> | null;
}

export type RangeInput<T> = { [K in keyof Range<T>]?: T | null };

export const FILTER_LIMITS = { depth: 6, conditions: 50, inValues: 100, pathKeys: 8, textLength: 500, jsonBytes: 4_096 } as const;

const wellFormedText = z
  .string()
  .max(FILTER_LIMITS.textLength)
  .refine((text) => !text.includes('\u0000'), 'must not contain NUL characters')
  .refine((text) => text.isWellFormed(), 'must be valid Unicode (it contains an unpaired surrogate)');

// JSON values arrive checked for depth and size (see `measure`); here only their strings.
const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([wellFormedText, z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(wellFormedText, jsonValue)]),
);

function range<T extends z.ZodType>(bound: T) {
  return z
    .object({ gt: bound.nullish(), gte: bound.nullish(), lt: bound.nullish(), lte: bound.nullish() })
    .refine((value) => Object.values(value).some((entry) => entry !== null && entry !== undefined), 'needs at least one of gt, gte, lt, lte');
}

const metadataFilter = z
  .object({
    path: z.array(wellFormedText.min(1, 'keys must not be empty')).min(1, 'must name a key').max(FILTER_LIMITS.pathKeys),
    equals: jsonValue.optional(),
    in: z.array(jsonValue).min(1).max(FILTER_LIMITS.inValues).nullish(),
    exists: z.boolean().nullish(),
    number: range(z.number()).nullish(),
    date: range(z.date()).nullish(),
  })
  .refine((value) => ['equals', 'in', 'exists', 'number', 'date'].some((key) => present(value[key as keyof typeof value])), 'needs a condition: equals, in, exists, number or date');

const filter: z.ZodType<SearchFilterInput> = z.lazy(() =>
  z
    .object({
      and: z.array(filter).min(1).nullish(),
      or: z.array(filter).min(1).nullish(),
      not: filter.nullish(),
      metadata: metadataFilter.nullish(),
      title: z
        .object({ equals: wellFormedText.nullish(), contains: wellFormedText.min(1).nullish() })
        .refine((value) => present(value.equals) || present(value.contains), 'needs equals or contains')
        .nullish(),
      createdAt: range(z.date()).nullish(),
      updatedAt: range(z.date()).nullish(),
    })
    .refine((value) => Object.values(value).some(present), 'needs at least one condition'),
);

/** Validates a caller's filter and turns it into the condition persistence runs as SQL. */
export function toDocumentCondition(input: SearchFilterInput, field = 'filter'): DocumentCondition {
  const size = measure(input);
  if (size.depth > FILTER_LIMITS.depth * 4 || size.conditions > FILTER_LIMITS.conditions * 8 || size.jsonBytes > FILTER_LIMITS.jsonBytes * 8) {
    throw new DocentError('BAD_USER_INPUT', `\`${field}\` is too large: at most ${FILTER_LIMITS.depth} levels and ${FILTER_LIMITS.conditions} conditions`, { field });
  }
  const parsed = filter.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const at = pathOf(field, issue.path);
    throw new DocentError('BAD_USER_INPUT', `\`${at}\` ${issue.message}`, { field: at });
  }
  const counted = { conditions: 0 };
  const condition = convert(parsed.data, counted, 1, field);
  if (counted.conditions > FILTER_LIMITS.conditions) {
    throw new DocentError('BAD_USER_INPUT', `\`${field}\` has ${counted.conditions} conditions; at most ${FILTER_LIMITS.conditions}`, { field });
  }
  return condition;
}

function convert(input: SearchFilterInput, counted: { conditions: number }, depth: number, at: string): DocumentCondition {
  if (depth > FILTER_LIMITS.depth) throw new DocentError('BAD_USER_INPUT', `\`${at}\` nests deeper than ${FILTER_LIMITS.depth} levels`, { field: at });
  const parts: DocumentCondition[] = [];
  const add = (condition: DocumentCondition) => {
    counted.conditions++;
    parts.push(condition);
  };
  if (input.and) parts.push({ kind: 'and', conditions: input.and.map((part, i) => convert(part, counted, depth + 1, `${at}.and[${i}]`)) });
  if (input.or) parts.push({ kind: 'or', conditions: input.or.map((part, i) => convert(part, counted, depth + 1, `${at}.or[${i}]`)) });
  if (input.not) parts.push({ kind: 'not', condition: convert(input.not, counted, depth + 1, `${at}.not`) });
  const { metadata, title, createdAt, updatedAt } = input;
  if (metadata) {
    const { path } = metadata;
    if (metadata.equals !== undefined && metadata.equals !== null) add({ kind: 'metadataEquals', path, value: metadata.equals });
    if (metadata.in) add({ kind: 'metadataIn', path, values: metadata.in });
    if (present(metadata.exists)) add({ kind: 'metadataExists', path, exists: metadata.exists as boolean });
    if (metadata.number) add({ kind: 'metadataNumber', path, range: bounds(metadata.number) });
    if (metadata.date) add({ kind: 'metadataDate', path, range: bounds(metadata.date) });
  }
  if (title?.equals !== undefined && title.equals !== null) add({ kind: 'titleEquals', value: title.equals });
  if (title?.contains) add({ kind: 'titleContains', value: title.contains });
  if (createdAt) add({ kind: 'createdAt', range: bounds(createdAt) });
  if (updatedAt) add({ kind: 'updatedAt', range: bounds(updatedAt) });
  return parts.length === 1 ? (parts[0] as DocumentCondition) : { kind: 'and', conditions: parts };
}

function bounds<T>(input: RangeInput<T>): Range<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => present(value))) as Range<T>;
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined;
}

/** Depth, object count and JSON size, counted without recursion so no input can overflow the stack. */
function measure(input: unknown): { depth: number; conditions: number; jsonBytes: number } {
  let depth = 0;
  let conditions = 0;
  let jsonBytes = 0;
  const stack: [unknown, number][] = [[input, 1]];
  while (stack.length > 0) {
    const [value, level] = stack.pop() as [unknown, number];
    depth = Math.max(depth, level);
    if (typeof value === 'string') jsonBytes += value.length;
    if (value === null || typeof value !== 'object') continue;
    conditions++;
    if (depth > FILTER_LIMITS.depth * 4 || conditions > FILTER_LIMITS.conditions * 8) break;
    for (const entry of Object.values(value)) stack.push([entry, level + 1]);
  }
  return { depth, conditions, jsonBytes };
}

function pathOf(field: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : `${at}.${String(key)}`), field);
}
