import { Writable } from 'node:stream';
import { ApiKeyService, type AuthConfig, AuthService, DEFAULT_AUTH_CONFIG, ViewerResolver } from '@docent/auth';
import type { Database } from '@docent/persistence';
import type { TestDatabaseTarget } from '@docent/persistence/testing';
import pino from 'pino';
import { type Gateway, startGateway } from '../src/server';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

export interface TestGateway {
  gateway: Gateway;
  database: Database;
  auth: AuthService;
  /** Every log line the gateway wrote, as text. */
  logs: string[];
  graphql<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, bearer?: string): Promise<GraphQLResponse<Data>>;
  close(): Promise<void>;
}

export const TEST_TOKEN_SECRET = 'test-secret-of-more-than-32-characters-0123456789';

/** A real gateway on a free port over a real database, with its log lines captured. */
export async function startTestGateway(target: TestDatabaseTarget, authOverrides: Partial<AuthConfig> = {}): Promise<TestGateway> {
  const database = await target.open();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const model = await database.embeddingModels.register({ name: 'gateway-test-model', provider: 'test', dimension: 384 });
  const authService = new AuthService(database, { ...DEFAULT_AUTH_CONFIG, tokenSecret: TEST_TOKEN_SECRET, ...authOverrides });
  const gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    database,
    embeddingModel: model,
    auth: { service: authService, apiKeys: new ApiKeyService(database), viewers: new ViewerResolver(database, authService.accessTokens) },
    logger,
  });
  return {
    gateway,
    database,
    auth: authService,
    logs,
    async graphql(query, variables, bearer) {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      await gateway.stop();
      await database.close();
    },
  };
}
