import { DocentError } from '@docent/common';
import { GraphQLError } from 'graphql';
import { errorCode, formatError } from './error-mapping';

/** What graphql-js makes of an error thrown in a resolver, and what Apollo formats from it. */
function thrownInResolver(error: Error): [GraphQLError, { message: string; path: string[]; extensions: Record<string, unknown> }] {
  const wrapped = new GraphQLError(error.message, { originalError: error, path: ['search'] });
  return [wrapped, { message: error.message, path: ['search'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at secret.ts:1'] } }];
}

describe('error mapping', () => {
  it('shows a client DocentError with its code, message and details, without a stack', () => {
    const [error, formatted] = thrownInResolver(new DocentError('BAD_USER_INPUT', '`first` must be between 1 and 100', { field: 'first' }));

    expect(errorCode(error)).toBe('BAD_USER_INPUT');
    expect(formatError(formatted, error)).toEqual({ message: '`first` must be between 1 and 100', path: ['search'], extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
  });

  it('hides an internal DocentError and any plain error behind INTERNAL_SERVER_ERROR', () => {
    for (const cause of [new DocentError('UNIQUE_VIOLATION', 'duplicate key value violates "users_email_key"'), new TypeError('x is undefined')]) {
      const [error, formatted] = thrownInResolver(cause);

      expect(errorCode(error)).toBe('INTERNAL_SERVER_ERROR');
      expect(formatError(formatted, error)).toEqual({ message: 'Internal server error', path: ['search'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
  });

  it("keeps graphql-js's and Apollo's own client errors as they are", () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });

    expect(errorCode(error)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(formatError({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error).message).toBe(error.message);
  });

  it('finds the DocentError under several layers of wrapping', () => {
    const inner = new GraphQLError('outer', { originalError: new GraphQLError('middle', { originalError: new DocentError('NOT_FOUND', 'No such document') }) });

    expect(errorCode(inner)).toBe('NOT_FOUND');
  });
});
