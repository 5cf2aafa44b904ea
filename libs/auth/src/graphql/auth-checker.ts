import { DocentError, type Requirement } from '@docent/common';
import type { AuthCheckerFn } from 'type-graphql';
import { permits } from '../viewer';
import type { AuthContext } from './auth-context';

const REFUSALS: Record<Requirement, string> = {
  ADMIN: 'Admins only (signed in with a password: API keys never act as admins)',
  ACCOUNT: 'Sign in with a password: API keys cannot manage API keys',
  search: 'This API key lacks the search permission',
  read: 'This API key lacks the read permission',
  ingest: 'This API key lacks the ingest permission',
  manage: 'This API key lacks the manage permission',
};

/**
 * Backs `@Authorized()` (any signed-in viewer) and `@Authorized(requirement, …)`: the one place
 * that decides what a caller may do (see `permits`). Throws rather than returning false, so
 * clients get UNAUTHENTICATED and FORBIDDEN apart.
 */
export const authChecker: AuthCheckerFn<AuthContext, Requirement> = ({ context }, requirements) => {
  const { viewer } = context;
  if (viewer.kind === 'anonymous') throw new DocentError('UNAUTHENTICATED', 'Sign in first');
  const refused = requirements.find((requirement) => !permits(viewer, requirement));
  if (refused) throw new DocentError('FORBIDDEN', REFUSALS[refused]);
  return true;
};
