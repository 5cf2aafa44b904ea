import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { assertSignedIn } from '../auth.service';
import type { AuthContext } from './auth-context';
import { AuthPayloadType, CredentialsInput, UserType } from './auth.types';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayloadType, { description: 'Creates an account and signs it in' })
  register(@Arg('input') input: CredentialsInput, @Ctx() context: AuthContext): Promise<AuthPayloadType> {
    return context.auth.register(input, context.clientIp);
  }

  @Mutation(() => AuthPayloadType)
  login(@Arg('input') input: CredentialsInput, @Ctx() context: AuthContext): Promise<AuthPayloadType> {
    return context.auth.login(input, context.clientIp);
  }

  @Mutation(() => AuthPayloadType, { description: 'Trades a refresh token for a new session; each refresh token works once' })
  refreshToken(@Arg('refreshToken') refreshToken: string, @Ctx() context: AuthContext): Promise<AuthPayloadType> {
    return context.auth.refresh(refreshToken);
  }

  @Mutation(() => Boolean, { description: 'Revokes the session the refresh token belongs to' })
  async logout(@Arg('refreshToken') refreshToken: string, @Ctx() context: AuthContext): Promise<boolean> {
    await context.auth.logout(refreshToken);
    return true;
  }

  @Authorized()
  @Query(() => UserType)
  me(@Ctx() context: AuthContext): Promise<UserType> {
    assertSignedIn(context.viewer);
    return context.auth.me(context.viewer);
  }
}
