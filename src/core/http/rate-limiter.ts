import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** What a consumed request is told: allowed, or refused with the seconds to wait before retrying. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-key request budget kept in this process's memory (rate-limiter-flexible's `RateLimiterMemory`): at most
 * `perMinute` operations in each minute and at most `burst` in each second, which together behave like a token bucket
 * of size `burst` refilled at `perMinute`. Several server processes each keep their own budgets, so behind a load
 * balancer a key gets up to N times the limit; move to a shared store (e.g. `RateLimiterPostgres`) if that matters.
 */
export class KeyRateLimiter {
  private readonly minute: RateLimiterMemory;
  private readonly second: RateLimiterMemory;

  constructor(perMinute: number, burst: number) {
    this.minute = new RateLimiterMemory({ keyPrefix: 'minute', points: perMinute, duration: 60 });
    this.second = new RateLimiterMemory({ keyPrefix: 'second', points: Math.min(burst, perMinute), duration: 1 });
  }

  /** Takes `points` operations from `key`'s budget. */
  async consume(key: string, points = 1): Promise<RateDecision> {
    // A refused request spends nothing (rate-limiter-flexible counts refused points, so they are given back): a
    // refused batch does not eat the budget a smaller request could still use.
    try {
      await this.second.consume(key, points);
    } catch (res) {
      await this.second.reward(key, points);
      return refused(res);
    }
    try {
      await this.minute.consume(key, points);
    } catch (res) {
      await Promise.all([this.minute.reward(key, points), this.second.reward(key, points)]);
      return refused(res);
    }
    return { allowed: true };
  }
}

function refused(res: unknown): RateDecision {
  if (!(res instanceof RateLimiterRes)) throw res;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}
