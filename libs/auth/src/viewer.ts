import type { Role } from '@docent/persistence';

/**
 * Who is making a request: nobody, or a user (signed in with an access token, or through one
 * of their API keys). Other libs know a viewer only by `id` and `role`.
 */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'user'; id: string; role: Role; credential: 'access-token' | 'api-key'; scopes?: readonly string[] };

export type SignedInViewer = Extract<Viewer, { kind: 'user' }>;

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export function hasRole(viewer: Viewer, role: Role): boolean {
  if (viewer.kind === 'anonymous') return false;
  return role === 'USER' || viewer.role === 'ADMIN';
}
