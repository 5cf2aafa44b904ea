import type { GraphQLResolveInfo } from 'graphql';
import { type ResolveTree, parseResolveInfo } from 'graphql-parse-resolve-info';

/**
 * Whether the request selects `field` of `type` directly under the field being resolved, under
 * any alias, through fragments, and unless `@skip` / `@include` leave it out. Lets a resolver
 * fetch in its own query what a field resolver would otherwise fetch in another.
 */
export function selectsField(info: GraphQLResolveInfo, type: string, field: string): boolean {
  // Without `keepRoot`, the answer is the current field's own tree (never the by-type map).
  const tree = parseResolveInfo(info) as ResolveTree | null | undefined;
  return Object.values(tree?.fieldsByTypeName[type] ?? {}).some((selected) => selected.name === field);
}
