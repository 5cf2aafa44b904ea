import type { Role } from '@docent/persistence';
import { GraphQLError } from 'graphql';
import type { AuthCheckerFn } from 'type-graphql';
import { hasRole } from '../viewer';
import type { AuthContext } from './auth-context';

/**
 * Backs `@Authorized()` (any signed-in viewer) and `@Authorized('ADMIN')`. Throws rather than
 * returning false, so clients get UNAUTHENTICATED and FORBIDDEN apart.
 */
export const authChecker: AuthCheckerFn<AuthContext, Role> = ({ context }, roles) => {
  const { viewer } = context;
  if (viewer.kind === 'anonymous') throw new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
  if (roles.some((role) => !hasRole(viewer, role))) throw new GraphQLError(`Requires role ${roles.join(', ')}`, { extensions: { code: 'FORBIDDEN' } });
  return true;
};
