export { ApiKeyService, API_KEY_PREFIX, DEFAULT_KEY_PERMISSIONS } from './api-key.service';
export type { CreatedApiKey } from './api-key.service';
export { DEFAULT_AUTH_CONFIG, authEnvironment } from './auth-config';
export type { AuthConfig } from './auth-config';
export { AuthService, assertAccountHolder, assertAdmin, assertSignedIn } from './auth.service';
export type { Session } from './auth.service';
export { RequestAuthenticator } from './request-authenticator';
export { ANONYMOUS, hasRole, permits } from './viewer';
export type { SignedInViewer, Viewer } from './viewer';
