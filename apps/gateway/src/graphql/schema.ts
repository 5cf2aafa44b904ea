import 'reflect-metadata';
import { AUTH_RESOLVERS, authChecker } from '@docent/auth';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ServerInfoResolver } from './server-info.resolver';

export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [ServerInfoResolver, ...AUTH_RESOLVERS], authChecker, validate: false });
}
