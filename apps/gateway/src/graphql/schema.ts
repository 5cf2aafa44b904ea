import 'reflect-metadata';
import { authChecker, authGraphQL } from '@docent/auth/graphql';
import { documentsGraphQL } from '@docent/documents/graphql';
import type { GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema } from 'type-graphql';
import { ServerInfoResolver } from './server-info.resolver';

/** The libs whose GraphQL modules make up the API: their resolvers here, their context slices in server.ts. */
export const GRAPHQL_MODULES = [authGraphQL, documentsGraphQL] as const;

/** Docent's schema: each lib brings its resolvers; the printed form is committed as schema.graphql. */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  const resolvers = [ServerInfoResolver, ...GRAPHQL_MODULES.flatMap((module) => module.resolvers)] as const;
  // type-graphql insists on a PubSub once a schema has subscriptions; Docent's subscriptions bring
  // their own event sources (`subscribe`), so nothing publishes to this one.
  return buildSchema({ resolvers, authChecker, validate: false, pubSub: createPubSub() });
}
