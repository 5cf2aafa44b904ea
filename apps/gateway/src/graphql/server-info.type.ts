import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The model that embeds documents and queries on this server' })
export class EmbeddingModelInfo {
  @Field({ description: 'Stored next to every vector, e.g. "Xenova/all-MiniLM-L6-v2"' })
  name!: string;

  @Field(() => Int)
  dimension!: number;
}

@ObjectType({ description: 'What this Docent server is running on' })
export class ServerInfo {
  @Field({ description: 'Docent version' })
  version!: string;

  @Field({ description: '"postgres" for a PostgreSQL server, "pglite" for the embedded database' })
  database!: string;

  @Field(() => EmbeddingModelInfo)
  embeddingModel!: EmbeddingModelInfo;
}
