import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { assertSignedIn } from '../auth.service';
import type { AuthContext } from './auth-context';
import { AuthPayloadType, CredentialsInput, UserType } from './auth.types';
import { withAuthErrors } from './auth-errors';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayloadType, { description: 'Creates an account and signs it in' })
  register(@Arg('input') input: CredentialsInput, @Ctx() context: AuthContext): Promise<AuthPayloadType> {
    return withAuthErrors(() => context.auth.register(input, context.clientIp));
  }

  @Mutation(() => AuthPayloadType)
  login(@Arg('input') input: CredentialsInput, @Ctx() context: AuthContext): Promise<AuthPayloadType> {
    return withAuthErrors(() => context.auth.login(input, context.clientIp));
  }

  @Mutation(() => AuthPayloadType, { description: 'Trades a refresh token for a new session; each refresh token works once' })
  refreshToken(@Arg('refreshToken') refreshToken: string, @Ctx() context: AuthContext): Promise<AuthPayloadType> {
    return withAuthErrors(() => context.auth.refresh(refreshToken));
  }

  @Mutation(() => Boolean, { description: 'Revokes the session the refresh token belongs to' })
  async logout(@Arg('refreshToken') refreshToken: string, @Ctx() context: AuthContext): Promise<boolean> {
    await withAuthErrors(() => context.auth.logout(refreshToken));
    return true;
  }

  @Authorized()
  @Query(() => UserType)
  me(@Ctx() context: AuthContext): Promise<UserType> {
    return withAuthErrors(() => {
      assertSignedIn(context.viewer);
      return context.auth.me(context.viewer);
    });
  }
}
