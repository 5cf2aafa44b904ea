import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

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

  @Field(() => Float, { description: 'Higher is better. SEMANTIC: cosine similarity; KEYWORD: text rank; HYBRID: fused score' })
  score!: number;

  @Field(() => Int, { description: '1 for the best result' })
  rank!: number;
}
