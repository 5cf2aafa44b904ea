import type { EmbeddingModelRecord } from '@docent/persistence';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type ModelState, type ReembeddingProgress, modelState } from '../models/model-lifecycle';

export const ModelStateValue = { ACTIVE: 'ACTIVE', BUILDING: 'BUILDING', STANDBY: 'STANDBY' } as const satisfies Record<ModelState, ModelState>;
registerEnumType(ModelStateValue, {
  name: 'EmbeddingModelState',
  description: 'ACTIVE: search reads its vectors. BUILDING: a re-embedding run is giving every READY document its vectors. STANDBY: neither (registered, cancelled, or active before).',
});

/** The runtimes a model can be registered with, as the database records them. */
export const EmbeddingRuntimeValue = { TRANSFORMERS_JS: 'transformers.js', TENSORFLOW_JS: 'tensorflow.js', OPENAI_COMPATIBLE: 'openai-compatible-http' } as const;
registerEnumType(EmbeddingRuntimeValue, {
  name: 'EmbeddingRuntime',
  description: 'TRANSFORMERS_JS: a transformers.js model in the models folder. TENSORFLOW_JS: Universal Sentence Encoder lite. OPENAI_COMPATIBLE: the server at EMBEDDING_BASE_URL.',
});

@ObjectType('EmbeddingModel', { description: 'An embedding model: the active one search reads, or one being built or kept' })
export class EmbeddingModelType {
  @Field()
  name!: string;

  @Field({ description: 'The runtime that runs it, e.g. transformers.js' })
  provider!: string;

  @Field(() => Int)
  dimension!: number;

  @Field(() => ModelStateValue)
  state!: ModelState;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it last became the active model' })
  activatedAt!: Date | null;

  static from(model: EmbeddingModelRecord): EmbeddingModelType {
    return { name: model.name, provider: model.provider, dimension: model.dimension, state: modelState(model), activatedAt: model.activatedAt };
  }
}

@InputType('RegisterEmbeddingModelInput')
export class RegisterEmbeddingModelInputType {
  @Field(() => EmbeddingRuntimeValue)
  provider!: string;

  @Field({ description: 'e.g. Xenova/all-MiniLM-L6-v2; its files must be in every worker\'s models folder' })
  name!: string;
}

@ObjectType('ReembeddingFailure')
export class ReembeddingFailureType {
  @Field()
  documentId!: string;

  @Field()
  error!: string;
}

@ObjectType('ReembeddingProgress', { description: "How far a model covers the READY documents, and its run's pace" })
export class ReembeddingProgressType {
  @Field(() => EmbeddingModelType)
  model!: EmbeddingModelType;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When its run started; null when none is running' })
  startedAt!: Date | null;

  @Field(() => Int, { description: 'READY documents, across all users' })
  documentsTotal!: number;

  @Field(() => Int, { description: 'READY documents that have its vectors' })
  documentsDone!: number;

  @Field(() => Int, { description: 'Its chunks so far' })
  chunksDone!: number;

  @Field(() => Int, { description: "The active model's chunks of READY documents: about what the run has to embed" })
  chunksTotalEstimate!: number;

  @Field(() => Int, { description: 'Documents the run gave up on after every attempt' })
  failed!: number;

  @Field(() => [ReembeddingFailureType], { description: 'The latest failures (up to 10), newest first' })
  errors!: ReembeddingFailureType[];

  @Field(() => Float, { nullable: true, description: 'Documents per second since the run started' })
  documentsPerSecond!: number | null;

  @Field(() => Float, { nullable: true, description: 'Seconds left at that pace' })
  etaSeconds!: number | null;

  @Field({ description: 'It covers every READY document: promoteEmbeddingModel will take it' })
  complete!: boolean;

  static from(progress: ReembeddingProgress): ReembeddingProgressType {
    return {
      model: EmbeddingModelType.from(progress.model),
      startedAt: progress.model.buildStartedAt,
      documentsTotal: progress.documents,
      documentsDone: progress.covered,
      chunksDone: progress.chunks,
      chunksTotalEstimate: progress.activeChunks,
      failed: progress.failed,
      errors: progress.failures,
      documentsPerSecond: progress.documentsPerSecond,
      etaSeconds: progress.etaSeconds,
      complete: progress.complete,
    };
  }
}
