import type { Role } from '@docent/persistence';

/** Who is making a request. Other libs know a viewer only by id and role. */
export type Viewer = { kind: 'anonymous' } | { kind: 'user'; id: string; role: Role };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export function hasRole(viewer: Viewer, role: Role): boolean {
  if (viewer.kind === 'anonymous') return false;
  return role === 'USER' || viewer.role === 'ADMIN';
}
