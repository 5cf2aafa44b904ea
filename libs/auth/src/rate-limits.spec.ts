import { AuthRateLimits } from './rate-limits';

describe('AuthRateLimits', () => {
  const limits = () => new AuthRateLimits({ perIp: { points: 100, durationSeconds: 60 }, perEmail: { points: 3, durationSeconds: 900 } });

  it('stops a client guessing one account, saying when to retry', async () => {
    const rateLimits = limits();
    for (let attempt = 0; attempt < 3; attempt++) await rateLimits.consume('203.0.113.7', 'alice@example.org');

    await expect(rateLimits.consume('203.0.113.7', 'alice@example.org')).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
  });

  it('never locks the owner out from elsewhere: a stranger spends only their own allowance', async () => {
    const rateLimits = limits();
    for (let attempt = 0; attempt < 10; attempt++) await rateLimits.consume('203.0.113.7', 'alice@example.org').catch(() => undefined);

    await expect(rateLimits.consume('198.51.100.20', 'alice@example.org')).resolves.toBeUndefined();
  });
});
