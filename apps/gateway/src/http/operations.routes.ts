import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Database } from '@docent/persistence';
import type { Registry } from 'prom-client';

export interface OperationsDependencies {
  database: Pick<Database, 'kind' | 'ping' | 'pendingMigrations'>;
  /** The active embedding model's name; it can change while the server runs (a promotion, a rollback). */
  embeddingModel: () => Promise<string>;
  /** Prometheus metrics at /metrics, unless switched off. */
  metrics?: Registry;
  /** When set, /metrics answers only `Authorization: Bearer <metricsToken>` (its counts span every user). */
  metricsToken?: string;
}

/** Liveness, readiness and metrics for orchestrators, load balancers and Prometheus. */
export function operationsRoutes({ database, embeddingModel: active, metrics, metricsToken }: OperationsDependencies): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    const [pendingMigrations, embeddingModel] = await Promise.all([database.pendingMigrations().catch(() => null), active().catch(() => null)]);
    if (pendingMigrations === null || pendingMigrations.length > 0 || embeddingModel === null) {
      // A database that does not answer, or whose schema is behind (or ahead of) this build.
      response.status(503).json({ status: 'unavailable', database: database.kind, pendingMigrations, embeddingModel });
      return;
    }
    response.json({ status: 'ready', database: database.kind, pendingMigrations, embeddingModel });
  });
  if (metrics) {
    router.get('/metrics', async (request, response) => {
      if (metricsToken !== undefined && !bearerMatches(request.headers.authorization, metricsToken)) {
        response.status(401).setHeader('www-authenticate', 'Bearer realm="metrics"').json({ error: 'send METRICS_TOKEN as a bearer token' });
        return;
      }
      response.setHeader('content-type', metrics.contentType);
      response.end(await metrics.metrics());
    });
  }
  return router;
}

/** Compares digests, so neither the token's length nor its bytes leak through timing. */
function bearerMatches(authorization: string | undefined, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(authorization ?? ''), digest(`Bearer ${token}`));
}
