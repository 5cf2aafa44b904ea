/** What every resolver receives; grows with the libs the gateway composes. */
export interface GatewayContext {
  version: string;
  databaseKind: 'postgres' | 'pglite';
  embeddingModel: { name: string; dimension: number };
}
