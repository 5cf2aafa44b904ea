import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Viewer } from '@docent/auth';
import { DocentError } from '@docent/common';
import { formatError } from '@docent/graphql';
import { GraphQLError, type GraphQLSchema, specifiedRules, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { GatewayConfig, HttpLimits } from '../config';
import type { GatewayContext } from './context';
import { selectionBoundsRule } from './selection-bounds';

export interface SubscriptionServerOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  limits: HttpLimits;
  subscriptions: GatewayConfig['subscriptions'];
  /** The viewer of `connection_init`'s `authorization` (a bearer token or API key); throws on bad credentials. */
  authenticate(authorization: string | undefined): Promise<Viewer>;
  /** The same context an HTTP request's resolvers get. */
  context(viewer: Viewer, requestId: string): GatewayContext;
  logger: Logger;
}

interface ConnectionState {
  viewer?: Viewer;
  open: Set<string>;
  /** Subscriptions signed in on their own (an Authorization header in the operation's extensions). */
  operations: Map<string, Viewer>;
}

function forget(state: ConnectionState | undefined, id: string): void {
  state?.open.delete(id);
  state?.operations.delete(id);
}

/** A header from an operation's `extensions.headers`, whatever its case. */
function headerOf(extensions: Record<string, unknown> | null | undefined, name: string): string | undefined {
  const headers = extensions?.['headers'];
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entry = Object.entries(headers).find(([key, value]) => key.toLowerCase() === name && typeof value === 'string' && value.trim() !== '');
  return entry?.[1] as string | undefined;
}

/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server's port and path. A client
 * authenticates once in `connection_init` with `{ authorization: "Bearer …" }` (bad credentials
 * close the socket with 4403), or per subscription with `extensions.headers.Authorization`
 * (what GraphiQL sends); each subscription then runs as that viewer, validated with the
 * same depth and size bounds as HTTP queries and scoped by the same rules. Connections and
 * subscriptions per connection are capped; a slow reader is bounded by the feed behind it.
 */
export function serveSubscriptions(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const { subscriptions: caps, logger } = options;
  const sockets = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: options.limits.maxRequestBytes });
  const states = new WeakMap<object, ConnectionState>();
  const rules = [...specifiedRules, selectionBoundsRule({ maxDepth: options.limits.maxQueryDepth, maxFields: options.limits.maxQueryCost })];

  sockets.on('connection', (socket) => {
    // 1013: try again later (RFC 6455); the client sees it as a close code, not an error.
    if (sockets.clients.size > caps.maxConnections) socket.close(1013, 'Too many connections');
  });

  const server = useServer<Record<string, unknown>>(
    {
      schema: options.schema,
      validate: (schema, document) => validate(schema, document, rules),
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization'];
        try {
          const viewer = await options.authenticate(typeof authorization === 'string' ? authorization : undefined);
          states.set(ctx.extra, { viewer, open: new Set(), operations: new Map() });
          return true;
        } catch (error) {
          if (!(error instanceof DocentError)) logger.error({ err: error }, 'authenticating a WebSocket connection failed');
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const state = states.get(ctx.extra);
        if (!state) return [new GraphQLError('Not connected', { extensions: { code: 'UNAUTHENTICATED' } })];
        if (state.open.size >= caps.maxPerConnection) {
          return [new GraphQLError(`At most ${caps.maxPerConnection} subscriptions per connection`, { extensions: { code: 'RATE_LIMITED', limit: caps.maxPerConnection } })];
        }
        // Clients built on graphql-tools (GraphiQL among them) send their headers with each
        // operation instead: an Authorization there signs in that subscription alone.
        const authorization = headerOf(payload.extensions, 'authorization');
        if (authorization !== undefined) {
          try {
            state.operations.set(id, await options.authenticate(authorization));
          } catch (error) {
            if (error instanceof DocentError) return [new GraphQLError(error.message, { extensions: { code: error.code } })];
            throw error;
          }
        }
        state.open.add(id);
      },
      context: (ctx, id) => {
        const state = states.get(ctx.extra);
        return options.context(state?.operations.get(id) ?? state?.viewer ?? { kind: 'anonymous' }, randomUUID());
      },
      onComplete: (ctx, id) => forget(states.get(ctx.extra), id),
      onError: (ctx, id, _payload, errors) => {
        forget(states.get(ctx.extra), id);
        return errors.map((error) => formatError(error.toJSON(), error));
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : undefined),
    },
    sockets,
  );

  return {
    close: async () => {
      for (const socket of sockets.clients) socket.close(1001, 'Server shutting down');
      await server.dispose();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
