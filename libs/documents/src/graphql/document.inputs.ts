import type { JsonObject } from '@docent/persistence';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { MAX_PASSAGES, type SearchMode } from '../search/search.service';
import { SearchFilterInputType } from './search-filter.inputs';

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

  @Field({ nullable: true, description: 'Your id for it: ingesting the same sourceId into the same collection again replaces the document' })
  sourceId?: string;

  @Field(() => ID, { nullable: true, description: 'The collection to store it in (needs EDITOR); default: your default collection' })
  collection?: string;
}

@InputType('UploadInput', { description: 'What goes with an uploaded file; the file itself is the content' })
export class UploadInputType {
  @Field({ nullable: true, description: "Default: the file's name" })
  title?: string;

  @Field({ nullable: true, description: "Default: the type the file was sent with, if Docent reads it, else by the name's extension (.pdf, .docx, .md, .html, .txt)" })
  mimeType?: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Any JSON object; search can filter on it' })
  metadata?: JsonObject;

  @Field({ nullable: true, description: 'Your id for it: uploading the same sourceId into the same collection again replaces the document' })
  sourceId?: string;

  @Field(() => ID, { nullable: true, description: 'The collection to store it in (needs EDITOR); default: your default collection' })
  collection?: string;
}

export const SearchModeValue = { SEMANTIC: 'SEMANTIC', KEYWORD: 'KEYWORD', HYBRID: 'HYBRID' } as const satisfies Record<SearchMode, SearchMode>;
registerEnumType(SearchModeValue, {
  name: 'SearchMode',
  description: 'SEMANTIC: by meaning (vector similarity). KEYWORD: BM25 over words (any word may match; "phrases", -exclusions and `or` between phrases constrain). HYBRID: both, each scaled to [0, 1] and added, keyword weighted 3 to 1.',
});

@InputType('SearchInput')
export class SearchInputType {
  @Field({ description: 'What to look for, in plain words (at most 1,000 characters)' })
  query!: string;

  @Field(() => Int, { defaultValue: 10, description: 'How many results, 1-100: chunks for `search`, documents for `searchDocuments`' })
  first!: number;

  @Field(() => SearchModeValue, { defaultValue: 'HYBRID' })
  mode!: SearchMode;

  @Field(() => [ID], { nullable: true, description: 'Only within these collections (default: every collection you can read)' })
  collections?: string[];

  @Field(() => [ID], { nullable: true, description: 'Only within these documents' })
  documentIds?: string[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Only documents whose metadata contains this object (a shorthand for simple `filter`s)' })
  metadata?: JsonObject;

  @Field(() => SearchFilterInputType, { nullable: true, description: 'Only documents that pass this filter' })
  filter?: SearchFilterInputType;
}

@InputType('DocumentSearchInput')
export class DocumentSearchInputType extends SearchInputType {
  @Field(() => Int, { defaultValue: 3, description: `Best passages per document, 1-${MAX_PASSAGES}` })
  passages!: number;
}
