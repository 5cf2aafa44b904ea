import type { Access } from '@docent/persistence';
import { DocentError } from '@docent/common';
import { type DocumentsContext, viewerAccess } from './documents-context';

/** What the signed-in viewer reaches. Resolvers are `@Authorized()`; this guards against a missing decorator. */
export function accessOf(context: DocumentsContext): Access {
  const access = viewerAccess(context.viewer);
  if (!access) throw new DocentError('UNAUTHENTICATED', 'Sign in first');
  return access;
}
