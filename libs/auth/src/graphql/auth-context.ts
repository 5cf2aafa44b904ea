import type { ApiKeyService } from '../api-key.service';
import type { AuthService } from '../auth.service';
import type { Viewer } from '../viewer';

/** The part of the GraphQL context the auth resolvers need; the gateway's context extends it. */
export interface AuthContext {
  viewer: Viewer;
  clientIp: string;
  auth: AuthService;
  apiKeys: ApiKeyService;
}
