import type { Role } from '@docent/persistence';
import { costPerItem } from '@docent/graphql';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AuthContext } from './auth-context';
import { RoleValue, UserConnectionType, UserType } from './auth.types';

@Resolver()
export class UserAdminResolver {
  @Authorized('ADMIN')
  @Query(() => UserConnectionType, { description: 'Admins only: accounts in id order', complexity: costPerItem(50) })
  users(
    @Ctx() context: AuthContext,
    @Arg('first', () => Int, { defaultValue: 50, description: '1-100' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page; null for the first' }) after?: string | null,
  ): Promise<UserConnectionType> {
    return context.auth.listUsers(context.viewer, { first, after });
  }

  @Authorized('ADMIN')
  @Mutation(() => UserType, { description: 'Admins only' })
  setUserRole(@Arg('userId', () => ID) userId: string, @Arg('role', () => RoleValue) role: Role, @Ctx() context: AuthContext): Promise<UserType> {
    return context.auth.setUserRole(context.viewer, userId, role);
  }
}
