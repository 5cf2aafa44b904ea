import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ServerInfoResolver } from './server-info.resolver';

export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [ServerInfoResolver], validate: false });
}
