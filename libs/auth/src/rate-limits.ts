import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AuthConfig } from './auth-config';
import { DocentError } from '@docent/common';

/**
 * Limits login and register attempts per client IP, and per email address from each client IP
 * (in memory, per process). Keyed by the pair, a stranger guessing someone's password from
 * elsewhere spends their own allowance and never locks the owner out.
 */
export class AuthRateLimits {
  private readonly perIp: RateLimiterMemory;
  private readonly perEmail: RateLimiterMemory;

  constructor(limits: AuthConfig['rateLimits']) {
    this.perIp = new RateLimiterMemory({ keyPrefix: 'auth-ip', points: limits.perIp.points, duration: limits.perIp.durationSeconds });
    this.perEmail = new RateLimiterMemory({ keyPrefix: 'auth-email', points: limits.perEmail.points, duration: limits.perEmail.durationSeconds });
  }

  /** Counts one attempt; throws RATE_LIMITED, saying when to retry, once either limit is spent. */
  async consume(ip: string, email: string): Promise<void> {
    try {
      await Promise.all([this.perIp.consume(ip), this.perEmail.consume(`${email}\n${ip}`)]);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new DocentError('RATE_LIMITED', `Too many attempts; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
  }
}
