import 'reflect-metadata';
import { AUTH_RESOLVERS, authChecker } from '@docent/auth';
import { DOCUMENTS_RESOLVERS } from '@docent/documents';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ServerInfoResolver } from './server-info.resolver';

/** Docent's schema: each lib brings its resolvers; the printed form is committed as schema.graphql. */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [ServerInfoResolver, ...AUTH_RESOLVERS, ...DOCUMENTS_RESOLVERS], authChecker, validate: false });
}
