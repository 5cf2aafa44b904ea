import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('TextRange', { description: 'A range of a text: [start, end) offsets in UTF-16 code units, as JavaScript strings count' })
export class TextRangeType {
  @Field(() => Int)
  start!: number;

  @Field(() => Int)
  end!: number;
}

@ObjectType('SearchResult', { description: 'A matching chunk, best first' })
export class SearchResultType {
  @Field(() => ID)
  chunkId!: string;

  @Field(() => ID)
  documentId!: string;

  @Field(() => Int, { description: "The chunk's position in its document" })
  ordinal!: number;

  @Field()
  text!: string;

  @Field(() => Int, { nullable: true, description: 'The page it starts on, for PDFs' })
  page!: number | null;

  @Field(() => String, { nullable: true, description: 'The heading it sits under, for Word, Markdown and HTML documents' })
  heading!: string | null;

  @Field(() => Float, { description: 'Higher is better. SEMANTIC: cosine similarity; KEYWORD: BM25; HYBRID: fused score' })
  score!: number;

  @Field(() => Int, { description: '1 for the best result' })
  rank!: number;

  /** Not a field: the query's words, for the `highlights` resolver. */
  queryWords!: string;

  /** Not a field: the highlights, when the search marked them itself. */
  highlights?: [number, number][];
}

@ObjectType('DocumentSearchResult', { description: 'A matching document, best first, with its best passages' })
export class DocumentSearchResultType {
  @Field(() => ID)
  documentId!: string;

  @Field(() => Float, { description: "Its best passage's score" })
  score!: number;

  @Field(() => Int, { description: '1 for the best document' })
  rank!: number;

  @Field(() => [SearchResultType], { description: 'Its best passages, best first (rank counts within the document)' })
  passages!: SearchResultType[];
}
