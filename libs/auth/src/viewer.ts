import type { Permission, Requirement } from '@docent/common';
import { PERMISSIONS } from '@docent/common';
import type { Role } from '@docent/persistence';

/**
 * Who is making a request: nobody, or a user (signed in with an access token, or through one
 * of their API keys, which carries the permissions it was given). Other libs know a viewer only
 * by `id` and `role`.
 */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'user'; id: string; role: Role; credential: 'access-token' }
  | {
      kind: 'user';
      id: string;
      role: Role;
      credential: 'api-key';
      permissions: readonly Permission[];
      /** The collections the key is held to; absent: every collection of its owner. */
      collections?: readonly string[];
    };

export type SignedInViewer = Extract<Viewer, { kind: 'user' }>;

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export function hasRole(viewer: Viewer, role: Role): boolean {
  if (viewer.kind === 'anonymous') return false;
  return role === 'USER' || viewer.role === 'ADMIN';
}

/** What a signed-in viewer may do: a password sign-in everything its role allows; an API key its permissions, never admin, never its account's keys. */
export function permits(viewer: SignedInViewer, requirement: Requirement): boolean {
  if (requirement === 'ADMIN') return viewer.credential === 'access-token' && viewer.role === 'ADMIN';
  if (requirement === 'ACCOUNT') return viewer.credential === 'access-token';
  return viewer.credential === 'access-token' || viewer.permissions.includes(requirement);
}

/** The permissions a stored list grants, ignoring anything unknown (the database refuses those anyway). */
export function toPermissions(values: readonly string[]): Permission[] {
  return PERMISSIONS.filter((permission) => values.includes(permission));
}
