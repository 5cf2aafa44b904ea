import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { type ApiKeyService, AuthError, type AuthService, type ViewerResolver } from '@docent/auth';
import type { Database } from '@docent/persistence';
import { GraphQLError } from 'graphql';
import express from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { GatewayContext } from './graphql/context';
import { formatErrorFor } from './graphql/format-error';
import { buildGatewaySchema } from './graphql/schema';
import { operationsRoutes } from './http/operations.routes';

export const VERSION = '0.1.0';

export interface Gateway {
  /** The base URL the server listens on, e.g. http://127.0.0.1:4000 */
  url: string;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  host: string;
  port: number;
  database: Database;
  /** The active embedding model, as registered in the database. */
  embeddingModel: { name: string; dimension: number };
  auth: { service: AuthService; apiKeys: ApiKeyService; viewers: ViewerResolver };
  /** Take the client IP from X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  logger: Logger;
}

export async function startGateway({ host, port, database, embeddingModel, auth, trustProxy = false, logger }: GatewayOptions): Promise<Gateway> {
  const app = express();
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    schema: await buildGatewaySchema(),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
    formatError: formatErrorFor(logger),
    logger,
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.use(requestLogging(logger));
  app.use(operationsRoutes(database));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        version: VERSION,
        databaseKind: database.kind,
        embeddingModel,
        viewer: await viewerOf(auth.viewers, req.headers.authorization),
        clientIp: req.ip ?? 'unknown',
        auth: auth.service,
        apiKeys: auth.apiKeys,
      }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, resolve);
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url,
    // Apollo's drain plugin stops new connections and waits for requests in flight.
    stop: () => apollo.stop(),
  };
}

/** Bad credentials fail the whole request with 401, before any resolver runs. */
async function viewerOf(viewers: ViewerResolver, authorization: string | undefined) {
  try {
    return await viewers.resolve(authorization);
  } catch (error) {
    if (error instanceof AuthError) throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
    throw error;
  }
}

/**
 * One JSON line per request with a request id (taken from X-Request-Id or made up, and echoed
 * back). Only method, URL and client address are logged: headers and bodies carry credentials.
 */
function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w-]{1,100}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
