import { type AnyVariables, Client, type CombinedError, type OperationResult, type TypedDocumentNode, fetchExchange } from '@urql/core';
import { print } from 'graphql';
import { type Client as SubscriptionClient, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** A request Docent answered with an error: `code` is its `extensions.code` (absent when the server could not be reached). */
export class DocentRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface SubscriptionHandlers<Data> {
  next(data: Data): void;
  error(error: Error): void;
  /** On the first connection and on every reconnection: events sent while away are lost, so re-read what matters. */
  connected?(): void;
}

/**
 * The typed client the CLI talks to Docent with: queries and mutations over HTTP (urql), and
 * subscriptions over graphql-ws on the same path. `credential` is an API key or access token.
 */
export class DocentClient {
  private readonly http: Client;
  private subscriptions: SubscriptionClient | undefined;
  private readonly onConnected = new Set<() => void>();

  constructor(
    readonly url: string,
    private readonly credential: string | undefined,
  ) {
    const headers: Record<string, string> = credential ? { authorization: `Bearer ${credential}` } : {};
    this.http = new Client({ url: `${url}/graphql`, exchanges: [fetchExchange], preferGetMethod: false, requestPolicy: 'network-only', fetchOptions: { headers } });
  }

  async query<Data, Variables extends AnyVariables>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data> {
    return dataOf(await this.http.query(document, variables).toPromise());
  }

  async mutate<Data, Variables extends AnyVariables>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data> {
    return dataOf(await this.http.mutation(document, variables).toPromise());
  }

  /** Receives the subscription's events until the returned function is called; reconnects after a dropped connection. */
  subscribe<Data, Variables extends Record<string, unknown>>(document: TypedDocumentNode<Data, Variables>, variables: Variables, handlers: SubscriptionHandlers<Data>): () => void {
    this.subscriptions ??= createClient({
      url: `${this.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: this.credential ? { authorization: `Bearer ${this.credential}` } : {},
      retryAttempts: 10,
      shouldRetry: () => true,
      on: { connected: () => this.onConnected.forEach((listener) => listener()) },
    });
    const connected = handlers.connected;
    if (connected) this.onConnected.add(connected);
    const unsubscribe = this.subscriptions.subscribe<Data>(
      { query: print(document), variables },
      {
        next: (result) => {
          const [error] = result.errors ?? [];
          if (error) handlers.error(new DocentRequestError(error.message, error.extensions?.['code'] as string | undefined));
          else if (result.data) handlers.next(result.data);
        },
        error: (error) => handlers.error(error instanceof Error ? error : new DocentRequestError(describeClose(error), undefined)),
        complete: () => undefined,
      },
    );
    return () => {
      if (connected) this.onConnected.delete(connected);
      unsubscribe();
    };
  }

  async close(): Promise<void> {
    await this.subscriptions?.dispose();
  }
}

function dataOf<Data>(result: OperationResult<Data>): Data {
  if (result.error) throw requestError(result.error);
  if (!result.data) throw new DocentRequestError('The server sent no data', undefined);
  return result.data;
}

function requestError(error: CombinedError): DocentRequestError {
  const [first] = error.graphQLErrors;
  if (first) return new DocentRequestError(first.message, first.extensions['code'] as string | undefined, first.extensions);
  return new DocentRequestError(`Cannot reach Docent: ${error.networkError?.message ?? error.message}`, undefined);
}

function describeClose(event: unknown): string {
  const { code, reason } = event as { code?: number; reason?: string };
  return code ? `The subscription closed (${code}${reason ? `: ${reason}` : ''})` : String(event);
}
