/** How a feature lib's resolvers know the caller: by id and role only. */
export type RequestViewer = { kind: 'anonymous' } | { kind: 'user'; id: string; role: string; collections?: readonly string[] };

/**
 * What a feature lib brings to the gateway's GraphQL API, exported from its `/graphql` entry
 * point: its type-graphql resolvers and its slice of each request's context. The gateway puts
 * the resolvers of every module into one schema and merges the slices into one context.
 */
export interface GraphQLModule<TServices, TContextSlice extends object> {
  // type-graphql takes resolver classes of any constructor signature.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly resolvers: readonly Function[];
  /** This lib's part of a request's context, made once per request from the process's services. */
  requestContext(services: TServices, viewer: RequestViewer): TContextSlice;
}
