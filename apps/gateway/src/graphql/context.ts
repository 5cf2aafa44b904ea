import type { AuthContext } from '@docent/auth/graphql';
import type { DocumentsContext } from '@docent/documents/graphql';

/**
 * What every resolver receives: each lib's slice, plus what the gateway itself serves. The
 * viewer is auth's; documents sees the same object through its narrower type.
 */
export interface GatewayContext extends AuthContext, Omit<DocumentsContext, 'viewer'> {
  /** The request's id, as logged and echoed in X-Request-Id. */
  requestId: string;
  version: string;
  databaseKind: 'postgres' | 'pglite';
}
