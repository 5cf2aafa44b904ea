import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { UniqueViolationError } from '../errors';

/** Repositories run on the client or inside a transaction alike. */
export type Executor = PrismaClient | Prisma.TransactionClient;

/** Turns Prisma's unique-constraint error into this lib's own; rethrows anything else. */
export function rethrowUniqueViolation(error: unknown, fields: readonly string[]): never {
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002') {
    throw new UniqueViolationError(fields, { cause: error });
  }
  throw error;
}
