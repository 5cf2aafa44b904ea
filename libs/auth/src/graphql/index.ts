// The auth lib's GraphQL face, apart from its domain (`@docent/auth`) so that programs without
// an API (the document worker) never load type-graphql.
import 'reflect-metadata';
import type { GraphQLModule } from '@docent/graphql';
import type { ApiKeyService } from '../api-key.service';
import type { AuthService } from '../auth.service';
import { ApiKeyResolver } from './api-key.resolver';
import type { AuthContext } from './auth-context';
import { AuthResolver } from './auth.resolver';
import { UserAdminResolver } from './user-admin.resolver';

export { authChecker } from './auth-checker';
export type { AuthContext } from './auth-context';

/** The services auth's resolvers call, shared by every request. */
export interface AuthServices {
  service: AuthService;
  apiKeys: ApiKeyService;
}

/** Auth's resolvers and context slice (the gateway adds the viewer and the client's IP). */
export const authGraphQL: GraphQLModule<AuthServices, Pick<AuthContext, 'auth' | 'apiKeys'>> = {
  resolvers: [AuthResolver, ApiKeyResolver, UserAdminResolver],
  requestContext: (services) => ({ auth: services.service, apiKeys: services.apiKeys }),
};
