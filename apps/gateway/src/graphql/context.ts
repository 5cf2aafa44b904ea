import type { AuthContext } from '@docent/auth';

/** What every resolver receives; grows with the libs the gateway composes. */
export interface GatewayContext extends AuthContext {
  version: string;
  databaseKind: 'postgres' | 'pglite';
  embeddingModel: { name: string; dimension: number };
}
