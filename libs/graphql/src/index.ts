// type-graphql's decorators in this lib read design-time types through the metadata API.
import 'reflect-metadata';

export { ConnectionType, PageInfoType } from './connection';
export { INTERNAL_SERVER_ERROR, errorCode, formatError, toGraphQLError } from './error-mapping';
export { costPerItem } from './query-cost';
export { selectsField } from './selection';
export type { GraphQLModule, RequestViewer } from './graphql-module';
