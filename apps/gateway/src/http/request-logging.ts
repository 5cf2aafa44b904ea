import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's id: its X-Request-Id if well-formed, else a new UUID; echoed back. */
    id: string;
    /** A logger whose lines carry `reqId`. */
    log: Logger;
  }
}

const WELL_FORMED_ID = /^[\w-]{1,100}$/;

/**
 * One JSON line per request when it ends (method, URL, client address, status, milliseconds;
 * headers and bodies carry credentials and are never logged), and a request id. Written by hand
 * rather than with pino-http, which made a child logger and wrapped the response of every
 * request, logging or not: 18% of a signed-in trivial query's CPU in a profile. Here a request's
 * child logger is made only if it logs something of its own (a getter on the app's request
 * prototype, Express's place for request extensions), and the line only at `info`.
 */
export function useRequestLogging(app: Express, logger: Logger): void {
  const children = new WeakMap<IncomingMessage, Logger>();
  Object.defineProperty(app.request, 'log', {
    get(this: IncomingMessage): Logger {
      let child = children.get(this);
      if (!child) children.set(this, (child = logger.child({ reqId: this.id })));
      return child;
    },
  });
  const logsRequests = logger.isLevelEnabled('info');
  app.use((request, response, next) => {
    const incoming = request.headers['x-request-id'];
    const id = typeof incoming === 'string' && WELL_FORMED_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader('x-request-id', id);
    request.id = id;
    if (logsRequests) {
      const started = performance.now();
      response.once('close', () => {
        const line = { req: { id, method: request.method, url: request.originalUrl, remoteAddress: request.socket.remoteAddress }, res: { statusCode: response.statusCode }, responseTime: Math.round(performance.now() - started) };
        if (!response.writableFinished) logger.warn(line, 'request aborted');
        else if (response.statusCode >= 500) logger.error(line, 'request errored');
        else logger.info(line, 'request completed');
      });
    }
    next();
  });
}
