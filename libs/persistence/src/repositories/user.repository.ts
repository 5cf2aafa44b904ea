import { randomUUID } from 'node:crypto';
import type { User } from '../generated/prisma/client';
import type { NewUser, Role, UserRecord, UserWithPasswordHash } from '../types';
import { DEFAULT_COLLECTION_NAME } from './collection.repository';
import { type Executor, rethrowUniqueViolation } from './executor';

export class UserRepository {
  constructor(private readonly db: Executor) {}

  /** A new user and their default collection, in one statement. */
  async create(user: NewUser): Promise<UserRecord> {
    const id = randomUUID();
    try {
      const defaultCollection = { name: DEFAULT_COLLECTION_NAME, isDefault: true, members: { create: { userId: id, role: 'OWNER' as const } } };
      return toRecord(await this.db.user.create({ data: { ...user, id, collections: { create: defaultCollection } } }));
    } catch (error) {
      rethrowUniqueViolation(error, ['email']);
    }
  }

  /** The only read that returns the password hash: for verifying a login. */
  async findByEmailWithPasswordHash(email: string): Promise<UserWithPasswordHash | null> {
    const user = await this.db.user.findUnique({ where: { email } });
    return user && { ...toRecord(user), passwordHash: user.passwordHash };
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const user = await this.db.user.findUnique({ where: { email } });
    return user && toRecord(user);
  }

  async findById(id: string): Promise<UserRecord | null> {
    const user = await this.db.user.findUnique({ where: { id } });
    return user && toRecord(user);
  }

  async list(options: { first: number; after?: string }): Promise<UserRecord[]> {
    const users = await this.db.user.findMany({
      orderBy: { id: 'asc' },
      take: options.first,
      ...(options.after ? { cursor: { id: options.after }, skip: 1 } : {}),
    });
    return users.map(toRecord);
  }

  async countByRole(role: Role): Promise<number> {
    return this.db.user.count({ where: { role } });
  }

  async setRole(id: string, role: Role): Promise<UserRecord | null> {
    const { count } = await this.db.user.updateMany({ where: { id }, data: { role } });
    return count === 0 ? null : this.findById(id);
  }
}

function toRecord(user: User): UserRecord {
  return { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt };
}
