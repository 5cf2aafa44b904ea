import { Router } from 'express';
import type { Database } from '@docent/persistence';

/**
 * Liveness and readiness for orchestrators and load balancers. The server only listens once
 * migrations are applied, so readiness is "the database answers".
 */
export function operationsRoutes(database: Pick<Database, 'kind' | 'ping'>): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    try {
      await database.ping();
      response.json({ status: 'ready', database: database.kind });
    } catch {
      response.status(503).json({ status: 'unavailable', database: database.kind });
    }
  });
  return router;
}
