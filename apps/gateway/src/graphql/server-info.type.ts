import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What this Docent server is running on (the embedding model: see `embeddingModel`)' })
export class ServerInfo {
  @Field({ description: 'Docent version' })
  version!: string;

  @Field({ description: '"postgres" for a PostgreSQL server, "pglite" for the embedded database' })
  database!: string;
}
