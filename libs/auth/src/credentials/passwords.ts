import { hash, verify } from '@node-rs/argon2';

/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;
import { DocentError } from '@docent/common';

export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing cannot be used to burn CPU. */
export const MAX_PASSWORD_LENGTH = 256;

/** argon2id with OWASP's recommended minimum (19 MiB, 2 passes), computed off the event loop by the native binding. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing anyone knows, verified when an email is unknown so that both cases take as long. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  return decoyHash;
}

export function assertAcceptablePassword(password: string, email: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new DocentError('BAD_USER_INPUT', `Password must be at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new DocentError('BAD_USER_INPUT', `Password must be at most ${MAX_PASSWORD_LENGTH} characters`, { field: 'password' });
  }
  if (password.trim().length === 0 || new Set(password).size < 4) {
    throw new DocentError('BAD_USER_INPUT', 'Password is too simple: use at least 4 different characters', { field: 'password' });
  }
  if (password.toLowerCase().includes(email.split('@')[0] ?? email)) {
    throw new DocentError('BAD_USER_INPUT', 'Password must not contain the email address', { field: 'password' });
  }
}
