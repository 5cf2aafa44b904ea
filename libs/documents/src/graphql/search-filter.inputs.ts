import type { JsonValue } from '@docent/persistence';
import { GraphQLDateTimeISO, GraphQLJSON } from 'graphql-scalars';
import { Field, Float, InputType } from 'type-graphql';
import type { MetadataFilterInput, RangeInput, SearchFilterInput } from '../search/search-filter';

@InputType('FloatRange', { description: 'Bounds of a number range; give at least one' })
export class FloatRangeInputType implements RangeInput<number> {
  @Field(() => Float, { nullable: true }) gt?: number;
  @Field(() => Float, { nullable: true }) gte?: number;
  @Field(() => Float, { nullable: true }) lt?: number;
  @Field(() => Float, { nullable: true }) lte?: number;
}

@InputType('DateTimeRange', { description: 'Bounds of a time range; give at least one' })
export class DateTimeRangeInputType implements RangeInput<Date> {
  @Field(() => GraphQLDateTimeISO, { nullable: true }) gt?: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) gte?: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) lt?: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) lte?: Date;
}

@InputType('MetadataFilter', { description: 'A test on one metadata value; every condition given must hold' })
export class MetadataFilterInputType implements MetadataFilterInput {
  @Field(() => [String], { description: 'Keys from the top of the metadata down, e.g. ["author", "name"]' })
  path!: string[];

  @Field(() => GraphQLJSON, { nullable: true, description: 'Equal as JSON: 2024 is not "2024"' })
  equals?: JsonValue;

  @Field(() => [GraphQLJSON], { nullable: true, description: 'Equal to one of these (at most 100)' })
  in?: JsonValue[];

  @Field({ nullable: true, description: 'true: the key is present (even with a null value); false: it is not' })
  exists?: boolean;

  @Field(() => FloatRangeInputType, { nullable: true, description: 'A number in this range (other types never match)' })
  number?: FloatRangeInputType;

  @Field(() => DateTimeRangeInputType, { nullable: true, description: 'An ISO 8601 date or date-time string in this range (other values never match)' })
  date?: DateTimeRangeInputType;
}

@InputType('TitleFilter')
export class TitleFilterInputType {
  @Field({ nullable: true }) equals?: string;
  @Field({ nullable: true, description: 'Case-insensitive substring' }) contains?: string;
}

@InputType('SearchFilter', {
  description: `Which documents to search. Every field given must hold; compose with and / or / not (at most 6 levels and 50 conditions).`,
})
export class SearchFilterInputType implements SearchFilterInput {
  @Field(() => [SearchFilterInputType], { nullable: true, description: 'All of these' })
  and?: SearchFilterInputType[];

  @Field(() => [SearchFilterInputType], { nullable: true, description: 'Any of these' })
  or?: SearchFilterInputType[];

  @Field(() => SearchFilterInputType, { nullable: true, description: 'Not this' })
  not?: SearchFilterInputType;

  @Field(() => MetadataFilterInputType, { nullable: true })
  metadata?: MetadataFilterInputType;

  @Field(() => TitleFilterInputType, { nullable: true })
  title?: TitleFilterInputType;

  @Field(() => DateTimeRangeInputType, { nullable: true })
  createdAt?: DateTimeRangeInputType;

  @Field(() => DateTimeRangeInputType, { nullable: true })
  updatedAt?: DateTimeRangeInputType;
}
