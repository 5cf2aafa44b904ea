import { DocentError } from '@docent/common';
import type { DocumentsContext } from './documents-context';

/** The signed-in viewer's id. Resolvers are `@Authorized()`; this guards against a missing decorator. */
export function ownerOf(context: DocumentsContext): string {
  if (context.viewer.kind !== 'user') throw new DocentError('UNAUTHENTICATED', 'Sign in first');
  return context.viewer.id;
}
