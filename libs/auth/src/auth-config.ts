import { randomBytes } from 'node:crypto';
import { integer, optionalText } from '@docent/common';
import { z } from 'zod';

/** The environment variables auth reads, and the config they make. */
export const authEnvironment = z
  .object({
    AUTH_TOKEN_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    AUTH_ACCESS_TOKEN_TTL_SECONDS: integer(30, 86_400).default(15 * 60),
    AUTH_REFRESH_TOKEN_TTL_SECONDS: integer(60, 31_536_000).default(30 * 24 * 60 * 60),
    AUTH_RATE_LIMIT_PER_IP: integer(1).default(30),
    AUTH_RATE_LIMIT_PER_EMAIL: integer(1).default(10),
    AUTH_VIEWER_CACHE_MS: integer(0, 60_000).default(1_000),
  })
  .transform((env) => ({
    /**
     * HMAC key for access tokens (HS256); at least 32 characters. Without a configured one (a
     * laptop, a demo), a random one: sign-ins last as long as the process.
     */
    tokenSecret: env.AUTH_TOKEN_SECRET ?? randomBytes(48).toString('base64url'),
    issuer: 'docent',
    audience: 'docent-api',
    accessTokenTtlSeconds: env.AUTH_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.AUTH_REFRESH_TOKEN_TTL_SECONDS,
    /**
     * How long a credential's viewer (role, login, key) is trusted without reading the database
     * again; what this process changes applies at once, what others change within it. 0: never.
     */
    viewerCacheMs: env.AUTH_VIEWER_CACHE_MS,
    rateLimits: {
      /** Login and register attempts per client IP per window. */
      perIp: { points: env.AUTH_RATE_LIMIT_PER_IP, durationSeconds: 60 },
      /** Login and register attempts per email address per window. */
      perEmail: { points: env.AUTH_RATE_LIMIT_PER_EMAIL, durationSeconds: 15 * 60 },
    },
  }));

export type AuthConfig = z.output<typeof authEnvironment>;

/** The defaults, with a random token secret. */
export const DEFAULT_AUTH_CONFIG: AuthConfig = authEnvironment.parse({});
