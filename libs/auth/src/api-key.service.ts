import { type ApiKeyRecord, type Database, isUuid } from '@docent/persistence';
import { DocentError, PERMISSIONS, type Permission } from '@docent/common';
import { assertAccountHolder } from './auth.service';
import { randomSecret, sha256 } from './credentials/secrets';
import type { Viewer } from './viewer';
import type { ViewerCache } from './viewer-cache';

/** Every key starts with this, so leaked keys are easy to spot (and to scan for). */
export const API_KEY_PREFIX = 'dcnt_';
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

export interface CreatedApiKey {
  key: ApiKeyRecord;
  /** The secret itself: shown once, never stored. */
  secret: string;
}

/** What a new key may do unless its creator says otherwise: the least that serves a frontend. */
const MAX_KEY_COLLECTIONS = 100;

export const DEFAULT_KEY_PERMISSIONS: readonly Permission[] = ['search', 'read'];

/**
 * API keys for service callers. A key acts for its owner within its permissions, never beyond
 * the owner's rights at the time of use (they are read with the key on every request); it can
 * never manage keys or act as an admin. Only a password sign-in manages keys.
 */
export class ApiKeyService {
  constructor(
    private readonly db: Pick<Database, 'apiKeys' | 'collections'>,
    /** The request authenticator's cache: a revoked key stops at once. */
    private readonly viewers?: ViewerCache,
  ) {}

  /** `collections` holds the key to some of the viewer's collections (each one they reach now); absent: all of them, as they change. */
  async create(viewer: Viewer, name: string, permissions: readonly Permission[] = DEFAULT_KEY_PERMISSIONS, collections?: readonly string[]): Promise<CreatedApiKey> {
    assertAccountHolder(viewer);
    const granted = PERMISSIONS.filter((permission) => permissions.includes(permission));
    if (granted.length === 0 || permissions.some((permission) => !(PERMISSIONS as readonly string[]).includes(permission))) {
      throw new DocentError('BAD_USER_INPUT', `An API key needs at least one of ${PERMISSIONS.join(', ')}`, { field: 'permissions' });
    }
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) throw new DocentError('BAD_USER_INPUT', 'An API key needs a name of 1-100 characters', { field: 'name' });
    if (trimmed.includes('\u0000') || !trimmed.isWellFormed()) throw new DocentError('BAD_USER_INPUT', 'An API key name must be valid Unicode without NUL characters', { field: 'name' });
    if (collections !== undefined) await this.checkReachable(viewer.id, collections);
    const secret = `${API_KEY_PREFIX}${randomSecret()}`;
    const key = await this.db.apiKeys.create({
      ownerId: viewer.id,
      name: trimmed,
      prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      keyHash: sha256(secret),
      permissions: granted,
      collections: collections === undefined ? null : [...new Set(collections)],
    });
    return { key, secret };
  }

  private async checkReachable(userId: string, collections: readonly string[]): Promise<void> {
    if (collections.length === 0 || collections.length > MAX_KEY_COLLECTIONS) {
      throw new DocentError('BAD_USER_INPUT', `Name 1-${MAX_KEY_COLLECTIONS} collections, or leave \`collections\` out for all of yours`, { field: 'collections' });
    }
    const bad = collections.find((id) => !isUuid(id));
    if (bad !== undefined) throw new DocentError('BAD_USER_INPUT', `Not a collection id: ${JSON.stringify(bad.slice(0, 100))}`, { field: 'collections' });
    const reached = new Set((await this.db.collections.list({ userId, collections })).map((collection) => collection.id));
    const missing = collections.find((id) => !reached.has(id));
    if (missing !== undefined) throw new DocentError('NOT_FOUND', `No collection with id ${missing}`, { field: 'collections', id: missing });
  }

  async list(viewer: Viewer): Promise<ApiKeyRecord[]> {
    assertAccountHolder(viewer);
    return this.db.apiKeys.listByOwner(viewer.id);
  }

  async revoke(viewer: Viewer, id: string): Promise<void> {
    assertAccountHolder(viewer);
    if (!isUuid(id)) throw new DocentError('BAD_USER_INPUT', 'Not an API key id', { field: 'id' });
    if (!(await this.db.apiKeys.revoke(viewer.id, id))) throw new DocentError('NOT_FOUND', 'No such API key');
    this.viewers?.forgetUser(viewer.id);
  }
}
