import { z } from 'zod';
import { DocentError } from '@docent/common';

const emailSchema = z.email();

/** Trimmed, NFKC-normalized, lower-cased: one account per mailbox, however it is typed. */
export function normalizeEmail(email: string): string {
  const normalized = email.normalize('NFKC').trim().toLowerCase();
  if (normalized.length > 254 || !emailSchema.safeParse(normalized).success) {
    throw new DocentError('BAD_USER_INPUT', 'Not a valid email address', { field: 'email' });
  }
  return normalized;
}
