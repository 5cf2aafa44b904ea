import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AuthContext } from './auth-context';
import { ApiKeyType, CreatedApiKeyType } from './auth.types';

@Resolver()
export class ApiKeyResolver {
  @Authorized()
  @Mutation(() => CreatedApiKeyType, { description: 'Creates an API key; its secret is in this response only' })
  async createApiKey(@Arg('name') name: string, @Ctx() context: AuthContext): Promise<CreatedApiKeyType> {
    const { key, secret } = await context.apiKeys.create(context.viewer, name);
    return { apiKey: key, secret };
  }

  @Authorized()
  @Query(() => [ApiKeyType], { description: "The viewer's API keys, revoked ones included" })
  apiKeys(@Ctx() context: AuthContext): Promise<ApiKeyType[]> {
    return context.apiKeys.list(context.viewer);
  }

  @Authorized()
  @Mutation(() => Boolean)
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() context: AuthContext): Promise<boolean> {
    await context.apiKeys.revoke(context.viewer, id);
    return true;
  }
}
