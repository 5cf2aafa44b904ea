import type { Permission } from '@docent/common';
import type { Role } from '@docent/persistence';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ConnectionType } from '@docent/graphql';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

/** The GraphQL face of persistence's `Role`. */
export const RoleValue = { USER: 'USER', ADMIN: 'ADMIN' } as const satisfies Record<Role, Role>;
registerEnumType(RoleValue, { name: 'Role', description: 'USER: their own documents. ADMIN: also user management.' });

/** The GraphQL face of an API key's permissions. */
export const ApiKeyPermissionValue = { SEARCH: 'search', READ: 'read', INGEST: 'ingest', MANAGE: 'manage' } as const satisfies Record<string, Permission>;
registerEnumType(ApiKeyPermissionValue, {
  name: 'ApiKeyPermission',
  description: 'SEARCH: search and searchDocuments. READ: document, documents, and any document\'s content and chunks. INGEST: ingestDocument(s), reprocessDocument. MANAGE: deleteDocument.',
});

@ObjectType('User', { description: 'An account; never includes its password hash' })
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => RoleValue)
  role!: Role;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: Date;
}

@ObjectType('UserConnection')
export class UserConnectionType extends ConnectionType(UserType) {}

@ObjectType('AuthPayload', { description: 'A new session: send accessToken as "Authorization: Bearer …"; trade refreshToken for a new session before it expires' })
export class AuthPayloadType {
  @Field(() => UserType)
  user!: UserType;

  @Field()
  accessToken!: string;

  @Field(() => GraphQLDateTimeISO)
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Works once: refreshToken returns a new one' })
  refreshToken!: string;

  @Field(() => GraphQLDateTimeISO)
  refreshTokenExpiresAt!: Date;
}

@ObjectType('ApiKey', {
  description: "A key for service callers: acts for its owner within its permissions, never beyond the owner's rights, never as an admin, never on keys",
})
export class ApiKeyType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [ApiKeyPermissionValue])
  permissions!: string[];

  @Field(() => [ID], { nullable: true, description: 'The collections it is held to; null: all of its owner\'s' })
  collections!: string[] | null;

  @Field({ description: 'The first characters of the key, to tell keys apart' })
  prefix!: string;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyType {
  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;

  @Field({ description: 'The key itself. Shown this once and never again: store it now.' })
  secret!: string;
}

@InputType()
export class CredentialsInput {
  @Field()
  email!: string;

  @Field()
  password!: string;
}
