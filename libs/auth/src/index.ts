export { ApiKeyService, API_KEY_PREFIX } from './api-key.service';
export type { CreatedApiKey } from './api-key.service';
export { DEFAULT_AUTH_CONFIG, authEnvironment } from './auth-config';
export type { AuthConfig } from './auth-config';
export { AuthService, assertAdmin, assertSignedIn } from './auth.service';
export type { Session } from './auth.service';
export { RequestAuthenticator } from './request-authenticator';
export { ANONYMOUS, hasRole } from './viewer';
export type { SignedInViewer, Viewer } from './viewer';
