// type-graphql's decorators in this lib read design-time types through the metadata API.
import 'reflect-metadata';
import { ApiKeyResolver } from './graphql/api-key.resolver';
import { AuthResolver } from './graphql/auth.resolver';
import { UserAdminResolver } from './graphql/user-admin.resolver';

export { ApiKeyService, API_KEY_PREFIX } from './api-key.service';
export type { CreatedApiKey } from './api-key.service';
export { DEFAULT_AUTH_CONFIG } from './auth-config';
export type { AuthConfig } from './auth-config';
export { AuthService, assertAdmin, assertSignedIn } from './auth.service';
export type { Session } from './auth.service';
export { authChecker } from './graphql/auth-checker';
export type { AuthContext } from './graphql/auth-context';
export { ViewerResolver } from './viewer-resolver';
export { ANONYMOUS, hasRole } from './viewer';
export type { SignedInViewer, Viewer } from './viewer';

/** Every auth resolver, for the gateway's schema. */
export const AUTH_RESOLVERS = [AuthResolver, ApiKeyResolver, UserAdminResolver] as const;
