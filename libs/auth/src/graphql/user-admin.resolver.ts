import type { Role } from '@docent/persistence';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AuthContext } from './auth-context';
import { RoleValue, UserType } from './auth.types';
import { withAuthErrors } from './auth-errors';

@Resolver()
export class UserAdminResolver {
  @Authorized('ADMIN')
  @Query(() => [UserType], { description: 'Admins only: accounts in id order' })
  users(
    @Ctx() context: AuthContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true, description: 'The id of the last user of the previous page; null for the first' }) after?: string | null,
  ): Promise<UserType[]> {
    return withAuthErrors(() => context.auth.listUsers(context.viewer, { first, after }));
  }

  @Authorized('ADMIN')
  @Mutation(() => UserType, { description: 'Admins only' })
  setUserRole(@Arg('userId', () => ID) userId: string, @Arg('role', () => RoleValue) role: Role, @Ctx() context: AuthContext): Promise<UserType> {
    return withAuthErrors(() => context.auth.setUserRole(context.viewer, userId, role));
  }
}
