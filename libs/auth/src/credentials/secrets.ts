import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Stored in place of high-entropy secrets (refresh tokens, API keys); a fast hash suffices for those. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
