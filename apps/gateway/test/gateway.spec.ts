import { testDatabaseTargets } from '@docent/persistence/testing';
import type { Gateway } from '../src/server';
import { eventually } from './graphql-client';
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
    expect(await ready.json()).toEqual({ status: 'ready', database: target.name, pendingMigrations: [], embeddingModel: (await server.docent.models.active()).model.name });
  });

  it('logs one line per request when it ends: id, method, URL, status and time, never its headers or body', async () => {
    const secret = 'Bearer not-a-real-token-but-a-secret';
    await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'line-1', authorization: secret }, body: '{"query":"{ me { id } }"}' });
    const line = await eventually(
      async () => server.logs.map((text) => JSON.parse(text) as Record<string, unknown>).find((logged) => (logged['req'] as { id?: string } | undefined)?.id === 'line-1'),
      (found) => found !== undefined,
      5_000,
    );

    expect(line).toMatchObject({ level: 30, msg: 'request completed', req: { id: 'line-1', method: 'POST', url: '/graphql' }, res: { statusCode: 401 }, responseTime: expect.any(Number) });
    expect(server.logs.filter((text) => text.includes('line-1')).join('\n')).not.toContain('not-a-real-token');
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

  it('exposes Prometheus metrics: HTTP and GraphQL timings, documents by status, embedding batches, queue lag', async () => {
    await server.graphql('{ serverInfo { version } }');
    await server.graphql('{ noSuchField }');

    const response = await fetch(`${gateway.url}/metrics`);
    const text = await response.text();

    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/^docent_http_request_duration_seconds_count\{route="\/graphql",method="POST",status_code="200"\} [1-9]/m);
    expect(text).toMatch(/^docent_graphql_operation_duration_seconds_count\{operation_type="query",root_field="serverInfo",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^docent_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} [1-9]/m);
    expect(text).toMatch(/^docent_documents\{status="READY"\} \d+$/m);
    expect(text).toMatch(/^docent_ingestion_queue_lag_seconds \d+(\.\d+)?$/m);
    // The model was warmed up with one call before the server listened.
    expect(text).toMatch(/^docent_embedding_batch_size_count [1-9]/m);
    expect(text).toMatch(/^docent_embedding_batch_duration_seconds_count\{outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^docent_process_resident_memory_bytes \d+/m);
  });

  it('serves GraphiQL from its own files, with a policy that keeps the browser on this server', async () => {
    const response = await fetch(`${gateway.url}/graphiql`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(html).toContain('<title>Docent GraphiQL</title>');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
    // Checked on each visit, sent again only when it changed.
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    // As a browser revalidates (fetch would add cache-control: no-cache, which asks for the page in full).
    const again = await fetch(`${gateway.url}/graphiql`, { headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' } });
    expect(again.status).toBe(304);
  });

  it('sends GraphQL answers without an ETag (they are no-store)', async () => {
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ serverInfo { version } }' }) });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
  });
});

describe('gateway with GraphiQL, introspection and metrics switched off', () => {
  let server: TestGateway;

  beforeAll(async () => {
    server = await startTestGateway(testDatabaseTargets()[0]!, { env: { GRAPHIQL: 'false', INTROSPECTION: 'false', METRICS: 'false' } });
  });
  afterAll(() => server?.close());

  it('answers 404 for /graphiql and /metrics and refuses introspection', async () => {
    const graphiql = await fetch(`${server.gateway.url}/graphiql`);
    const metrics = await fetch(`${server.gateway.url}/metrics`);
    const introspection = await server.graphql('{ __schema { queryType { name } } }');

    expect(graphiql.status).toBe(404);
    expect(metrics.status).toBe(404);
    expect(introspection.errors?.[0]?.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await server.graphql('{ serverInfo { version } }')).data).toEqual({ serverInfo: { version: expect.any(String) } });
  });
});

describe('gateway with METRICS_TOKEN', () => {
  const token = 'metrics-token-of-this-test-0123';
  let server: TestGateway;

  beforeAll(async () => {
    server = await startTestGateway(testDatabaseTargets()[0]!, { env: { METRICS_TOKEN: token } });
  });
  afterAll(() => server?.close());

  it('answers /metrics only to the bearer of the token; the API and health checks stay open', async () => {
    const anonymous = await fetch(`${server.gateway.url}/metrics`);
    const wrong = await fetch(`${server.gateway.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-of-this-test-0124' } });
    const right = await fetch(`${server.gateway.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });

    expect([anonymous.status, wrong.status, right.status]).toEqual([401, 401, 200]);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await anonymous.text()).not.toContain('docent_documents');
    expect(await right.text()).toContain('docent_documents');
    expect((await fetch(`${server.gateway.url}/healthz`)).status).toBe(200);
  });
});
