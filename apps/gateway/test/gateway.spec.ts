import { testDatabaseTargets } from '@docent/persistence/testing';
import type { Gateway } from '../src/server';
import { type TestGateway, startTestGateway } from './test-gateway';

describe.each(testDatabaseTargets())('gateway over HTTP on $name', (target) => {
  let server: TestGateway;
  let gateway: Gateway;

  beforeAll(async () => {
    server = await startTestGateway(target);
    gateway = server.gateway;
  });
  afterAll(() => server?.close());

  it('answers /healthz and /readyz, with a request id on every response', async () => {
    const health = await fetch(`${gateway.url}/healthz`, { headers: { 'x-request-id': 'probe-1' } });
    const ready = await fetch(`${gateway.url}/readyz`);

    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toBe('probe-1');
    expect(ready.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: target.name, pendingMigrations: [], embeddingModel: server.docent.model.name });
  });

  it('serves GraphQL queries at /graphql', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serverInfo { version database } embeddingModel { name provider dimension } }' }),
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: {
        serverInfo: { version: expect.any(String), database: target.name },
        embeddingModel: { name: 'docent-fixtures/untrained-bert-tiny-TEST-ONLY', provider: 'transformers.js', dimension: 32 },
      },
    });
  });

  it('reports a query for an unknown field as a validation error and keeps serving', async () => {
    const bad = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ noSuchField }' }),
    });
    const body = (await bad.json()) as { errors: { extensions: { code: string } }[] };
    const after = await fetch(`${gateway.url}/healthz`);

    expect(bad.status).toBe(400);
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(after.status).toBe(200);
  });
});
