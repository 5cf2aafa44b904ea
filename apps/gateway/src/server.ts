import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { Database } from '@docent/persistence';
import express from 'express';
import type { Logger } from 'pino';
import type { GatewayContext } from './graphql/context';
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
  logger: Logger;
}

export async function startGateway({ host, port, database, embeddingModel, logger }: GatewayOptions): Promise<Gateway> {
  const app = express();
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    schema: await buildGatewaySchema(),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
    logger,
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.use(operationsRoutes(database));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async () => ({ version: VERSION, databaseKind: database.kind, embeddingModel }),
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
