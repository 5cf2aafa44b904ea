export interface AuthConfig {
  /** HMAC key for access tokens (HS256); at least 32 characters. */
  tokenSecret: string;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  rateLimits: {
    /** Login and register attempts per client IP per window. */
    perIp: { points: number; durationSeconds: number };
    /** Login and register attempts per email address per window. */
    perEmail: { points: number; durationSeconds: number };
  };
}

export const DEFAULT_AUTH_CONFIG: Omit<AuthConfig, 'tokenSecret'> = {
  issuer: 'docent',
  audience: 'docent-api',
  accessTokenTtlSeconds: 15 * 60,
  refreshTokenTtlSeconds: 30 * 24 * 60 * 60,
  rateLimits: { perIp: { points: 30, durationSeconds: 60 }, perEmail: { points: 10, durationSeconds: 15 * 60 } },
};
