import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestAuthenticator, Viewer } from '@docent/auth';
import { DocentError } from '@docent/common';
import { authGraphQL } from '@docent/auth/graphql';
import { documentsGraphQL } from '@docent/documents/graphql';
import express, { type RequestHandler } from 'express';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import type { Logger } from 'pino';
import type { Docent } from './composition/gateway';
import type { GatewayConfig, HttpLimits } from './config';
import type { GatewayContext } from './graphql/context';
import { formatError, toGraphQLError } from '@docent/graphql';
import { costLimitPlugin } from './graphql/plugins/cost-limit.plugin';
import { observabilityPlugin } from './graphql/plugins/observability.plugin';
import { textInputPlugin } from './graphql/plugins/text-input.plugin';
import { buildGatewaySchema } from './graphql/schema';
import { selectionBoundsRule } from './graphql/selection-bounds';
import { serveSubscriptions } from './graphql/subscriptions';
import { graphiqlRoutes } from './http/graphiql/graphiql.route';
import { httpMetrics } from './http/http-metrics.middleware';
import { operationsRoutes } from './http/operations.routes';
import { requestErrors, requireUtf8 } from './http/request-errors';
import { useRequestLogging } from './http/request-logging';
import { limitVariableDepth } from './http/variable-depth';

export const VERSION = '0.1.0';
const GRAPHQL_PATH = '/graphql';
const MAX_FILES_PER_REQUEST = 10;

export interface Gateway {
  /** The base URL the server listens on, e.g. http://127.0.0.1:4000 */
  url: string;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  host: string;
  port: number;
  docent: Pick<Docent, 'database' | 'models' | 'auth' | 'documents' | 'metrics'>;
  limits: HttpLimits;
  /** GraphQL over WebSocket on the same path: connection and subscription limits. */
  subscriptions: GatewayConfig['subscriptions'];
  graphiql: boolean;
  introspection: boolean;
  /** Serve /metrics and record HTTP and GraphQL timings. */
  metrics: boolean;
  /** When set, /metrics requires it as a bearer token. */
  metricsToken?: string;
  /** Take the client IP from X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  logger: Logger;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { docent, limits, logger } = options;
  const metrics = options.metrics ? docent.metrics : undefined;
  const app = express();
  const httpServer: Server = createServer(app);
  const schema = await buildGatewaySchema();
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: options.introspection,
    // Browsers preflight any request with an Authorization header (it is not CORS-safelisted), so
    // it is as safe as the headers Apollo names; accepting it lets clients that query with GET
    // (urql's default) send their token and nothing else.
    csrfPrevention: { requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'] },
    parseOptions: { maxTokens: limits.maxQueryTokens },
    validationRules: [selectionBoundsRule({ maxDepth: limits.maxQueryDepth, maxFields: limits.maxQueryCost })],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's default landing page loads from a CDN; GraphiQL is served from /graphiql instead.
      ApolloServerPluginLandingPageDisabled(),
      textInputPlugin(),
      costLimitPlugin(schema, limits.maxQueryCost),
      observabilityPlugin(logger, metrics),
    ],
    formatError,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM: it stops this server, then the worker, the model and the database.
    // Apollo's own handler would race it and leave that sequence waiting.
    stopOnTerminationSignals: false,
    logger,
  });
  await apollo.start();

  app.disable('x-powered-by');
  // Express would hash every response body into an ETag for conditional GETs. GraphQL answers
  // are no-store; GraphiQL's page sets its own, computed once (graphiql.route.ts).
  app.disable('etag');
  app.set('trust proxy', options.trustProxy ?? false);
  useRequestLogging(app, logger);
  if (metrics) app.use(httpMetrics(metrics.httpDuration));
  // GraphQL first: the other routers would otherwise test their paths against every operation.
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: limits.maxRequestBytes, verify: requireUtf8 }),
    multipartUploads(limits.maxRequestBytes),
    limitVariableDepth(),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const viewer = await viewerOf(docent.auth.authenticator, req.headers.authorization, () => req.log);
        return requestContext(viewer, String(req.id), req.ip ?? 'unknown');
      },
    }),
  );
  app.use(operationsRoutes({ database: docent.database, embeddingModel: async () => (await docent.models.active()).model.name, metrics: metrics?.registry, metricsToken: options.metricsToken }));
  if (options.graphiql) app.use(graphiqlRoutes(GRAPHQL_PATH));
  app.use(requestErrors());
  const subscriptions = serveSubscriptions({
    httpServer,
    path: GRAPHQL_PATH,
    schema,
    limits,
    subscriptions: options.subscriptions,
    authenticate: (authorization) => docent.auth.authenticator.authenticate(authorization),
    context: (viewer, requestId) => requestContext(viewer, requestId, 'websocket'),
    logger,
  });

  /** What every resolver receives, over HTTP and WebSocket alike. */
  function requestContext(viewer: Viewer, requestId: string, clientIp: string): GatewayContext {
    return {
      requestId,
      version: VERSION,
      databaseKind: docent.database.kind,
      viewer,
      clientIp,
      ...authGraphQL.requestContext(docent.auth, viewer),
      ...documentsGraphQL.requestContext(docent.documents, viewer),
    };
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, resolve);
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url,
    // Apollo's drain plugin stops new connections and waits for requests in flight.
    stop: async () => {
      await subscriptions.close();
      await apollo.stop();
    },
  };
}

/**
 * File uploads (the GraphQL multipart request spec), with the same size cap as any body. Other
 * requests skip the middleware on a look at the header (its own check parsed the content type).
 */
function multipartUploads(maxBytes: number): RequestHandler {
  const uploads = graphqlUploadExpress({ maxFileSize: maxBytes, maxFiles: MAX_FILES_PER_REQUEST });
  return (request, response, next) => {
    if (request.headers['content-type']?.toLowerCase().startsWith('multipart/')) uploads(request, response, next);
    else next();
  };
}

/**
 * Bad credentials fail the whole request with 401, before any resolver runs. The request's
 * logger is asked for only to log: it is made on first use, and most requests never need it.
 */
async function viewerOf(authenticator: RequestAuthenticator, authorization: string | undefined, requestLog: () => Logger) {
  try {
    return await authenticator.authenticate(authorization);
  } catch (error) {
    if (error instanceof DocentError) throw toGraphQLError(error, { http: { status: 401 } });
    // No resolver ran, so the GraphQL plugins never see this one (e.g. the database is down).
    requestLog().error({ err: error }, 'resolving the viewer failed');
    throw error;
  }
}
