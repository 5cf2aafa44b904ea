import { Writable } from 'node:stream';
import type { AuthConfig, AuthService } from '@docent/auth';
import { ensureFixtureModel } from '@docent/embeddings/testing';
import type { Database } from '@docent/persistence';
import type { TestDatabaseTarget } from '@docent/persistence/testing';
import { type Docent, composeGateway } from '../src/composition/gateway';
import { type GatewayConfig, loadConfig } from '../src/config';
import { createLogger } from '../src/logging';
import { type Gateway, startGateway } from '../src/server';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

export interface TestGateway {
  gateway: Gateway;
  docent: Docent;
  database: Database;
  auth: AuthService;
  /** Every log line the gateway wrote, as text. */
  logs: string[];
  graphql<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, bearer?: string): Promise<GraphQLResponse<Data>>;
  close(): Promise<void>;
}

export const TEST_TOKEN_SECRET = 'test-secret-of-more-than-32-characters-0123456789';

export interface TestGatewayOptions {
  /** Environment variables on top of the test defaults, read by the real config loader. */
  env?: Record<string, string>;
  auth?: Partial<AuthConfig>;
  /** Another gateway's database (by default each test gateway opens a fresh one). */
  database?: Database;
}

/**
 * A real gateway on a free port over a real database, composed exactly as `npm start` composes
 * it (the tiny fixture model through transformers.js, a document worker polling quickly), with
 * its log lines captured.
 */
export async function startTestGateway(target: TestDatabaseTarget, options: TestGatewayOptions = {}): Promise<TestGateway> {
  const fixture = ensureFixtureModel('tiny');
  const config: GatewayConfig = loadConfig({
    PORT: '0',
    AUTH_TOKEN_SECRET: TEST_TOKEN_SECRET,
    EMBEDDING_PROVIDER: 'transformers',
    EMBEDDING_MODEL: fixture.modelName,
    EMBEDDING_MODELS_DIR: fixture.modelsDir,
    EMBEDDING_THREADS: '1',
    CHUNK_TOKENS: '64',
    CHUNK_OVERLAP_TOKENS: '8',
    ...options.env,
  });
  config.auth = { ...config.auth, ...options.auth };
  config.documents = { ...config.documents, pollIntervalMs: 25, backoffMs: 0 };

  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('debug', sink);
  const docent = await composeGateway(config, logger, { database: options.database ?? (await target.open()) });
  if (config.documentWorker) docent.processor.start();
  const gateway = await startGateway({ ...config, docent, logger });
  return {
    gateway,
    docent,
    database: docent.database,
    auth: docent.auth.service,
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
      await docent.close();
    },
  };
}
