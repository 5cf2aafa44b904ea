import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AuthContext } from './auth-context';
import type { Permission } from '@docent/common';
import { ApiKeyPermissionValue, ApiKeyType, CreatedApiKeyType } from './auth.types';

@Resolver()
export class ApiKeyResolver {
  @Authorized('ACCOUNT')
  @Mutation(() => CreatedApiKeyType, { description: 'Creates an API key; its secret is in this response only. Password sign-ins only.' })
  async createApiKey(
    @Arg('name') name: string,
    @Ctx() context: AuthContext,
    @Arg('permissions', () => [ApiKeyPermissionValue], { nullable: true, description: 'What it may do (default: SEARCH and READ)' }) permissions?: Permission[] | null,
    @Arg('collections', () => [ID], { nullable: true, description: 'Only these of your collections (default: all of them, as they change)' }) collections?: string[] | null,
  ): Promise<CreatedApiKeyType> {
    const { key, secret } = await context.apiKeys.create(context.viewer, name, permissions ?? undefined, collections ?? undefined);
    return { apiKey: key, secret };
  }

  @Authorized('ACCOUNT')
  @Query(() => [ApiKeyType], { description: "The viewer's API keys, revoked ones included" })
  apiKeys(@Ctx() context: AuthContext): Promise<ApiKeyType[]> {
    return context.apiKeys.list(context.viewer);
  }

  @Authorized('ACCOUNT')
  @Mutation(() => Boolean)
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() context: AuthContext): Promise<boolean> {
    await context.apiKeys.revoke(context.viewer, id);
    return true;
  }
}
