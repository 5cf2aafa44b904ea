import { Ctx, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from './context';
import { ServerInfo } from './server-info.type';

@Resolver()
export class ServerInfoResolver {
  @Query(() => ServerInfo)
  serverInfo(@Ctx() context: GatewayContext): ServerInfo {
    return { version: context.version, database: context.databaseKind };
  }
}
