import type { Role } from '@docent/persistence';
import { DocentError } from '@docent/common';
import type { AuthCheckerFn } from 'type-graphql';
import { hasRole } from '../viewer';
import type { AuthContext } from './auth-context';

/**
 * Backs `@Authorized()` (any signed-in viewer) and `@Authorized('ADMIN')`. Throws rather than
 * returning false, so clients get UNAUTHENTICATED and FORBIDDEN apart.
 */
export const authChecker: AuthCheckerFn<AuthContext, Role> = ({ context }, roles) => {
  const { viewer } = context;
  if (viewer.kind === 'anonymous') throw new DocentError('UNAUTHENTICATED', 'Sign in first');
  if (roles.some((role) => !hasRole(viewer, role))) throw new DocentError('FORBIDDEN', `Requires role ${roles.join(', ')}`);
  return true;
};
