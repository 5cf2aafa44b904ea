import type { SignedInViewer } from './viewer';

/**
 * The viewers of credentials seen in the last `ttlMs`, by a hash of the credential: a signed-in
 * request then costs no database read (the user's role, the login, the key). What changes a
 * viewer reaches it two ways: changes made through this process's services (logout, a revoked
 * key, a new role) call `forgetUser` and apply at once; changes made elsewhere (another gateway,
 * the database by hand) apply within `ttlMs`. A `ttlMs` of 0 turns it off.
 */
export class ViewerCache {
  private readonly entries = new Map<string, { viewer: SignedInViewer; expiresAt: number }>();

  constructor(
    private readonly ttlMs = 1_000,
    /** Most credentials kept; the oldest goes first. */
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): SignedInViewer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.viewer;
  }

  /** Keeps a viewer for `ttlMs`, or until `notAfter` (a token's expiry) if that comes first. */
  set(key: string, viewer: SignedInViewer, notAfter = Number.POSITIVE_INFINITY): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { viewer, expiresAt: Math.min(Date.now() + this.ttlMs, notAfter) });
  }

  /** Drops every cached viewer of a user: their role, logins or keys just changed. */
  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.viewer.id === userId) this.entries.delete(key);
  }
}
