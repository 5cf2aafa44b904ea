import type { JsonObject } from '@docent/persistence';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import type { SearchMode } from '../search/search.service';

@InputType('DocumentInput')
export class DocumentInputType {
  @Field()
  title!: string;

  @Field({ description: 'The text, Markdown or HTML itself (UTF-8; the size limit is in bytes)' })
  content!: string;

  @Field({ defaultValue: 'text/plain', description: 'text/plain, text/markdown or text/html' })
  mimeType!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Any JSON object; search can filter on it' })
  metadata?: JsonObject;

  @Field({ nullable: true, description: 'Your id for it: ingesting the same sourceId again replaces the document' })
  sourceId?: string;
}

export const SearchModeValue = { SEMANTIC: 'SEMANTIC', KEYWORD: 'KEYWORD', HYBRID: 'HYBRID' } as const satisfies Record<SearchMode, SearchMode>;
registerEnumType(SearchModeValue, {
  name: 'SearchMode',
  description: 'SEMANTIC: by meaning (vector similarity). KEYWORD: full-text match. HYBRID: both, fused by reciprocal rank.',
});

@InputType('SearchInput')
export class SearchInputType {
  @Field({ description: 'What to look for, in plain words (at most 1,000 characters)' })
  query!: string;

  @Field(() => Int, { defaultValue: 10, description: 'How many results, 1-100' })
  first!: number;

  @Field(() => SearchModeValue, { defaultValue: 'HYBRID' })
  mode!: SearchMode;

  @Field(() => [ID], { nullable: true, description: 'Only within these documents' })
  documentIds?: string[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Only documents whose metadata contains this object' })
  metadata?: JsonObject;
}
