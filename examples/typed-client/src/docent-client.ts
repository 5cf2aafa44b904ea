import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** A GraphQL error as Docent sends it: `extensions.code` says what went wrong. */
export class DocentError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * A minimal typed client: the document fixes both the variables it takes and the data it
 * returns, so a schema change that breaks this code fails to compile.
 */
export class DocentClient {
  private token: string | undefined;

  constructor(private readonly url: string) {}

  signIn(accessToken: string): void {
    this.token = accessToken;
  }

  async request<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as { data?: Result; errors?: { message: string; extensions?: { code?: string } }[] };
    const [error] = body.errors ?? [];
    if (error) throw new DocentError(error.message, error.extensions?.code);
    if (!body.data) throw new DocentError(`No data in a ${response.status} response`, undefined);
    return body.data;
  }
}
