import type { RequestHandler } from 'express';
import type { Histogram } from 'prom-client';

// Labels come from a fixed set, so a client cannot blow up the metrics' cardinality with URLs.
const KNOWN_ROUTES = new Set(['/graphql', '/graphiql', '/healthz', '/readyz', '/metrics']);

export function httpMetrics(duration: Histogram<'route' | 'method' | 'status_code'>): RequestHandler {
  return (request, response, next) => {
    const stop = duration.startTimer();
    // Read now: mounted routers rewrite request.path while they run.
    const route = KNOWN_ROUTES.has(request.path) ? request.path : 'other';
    response.once('finish', () => {
      stop({ route, method: request.method, status_code: String(response.statusCode) });
    });
    next();
  };
}
