/**
 * A token bucket per caller: `perMinute` requests a minute on average, with bursts up to the same
 * number. Kept in memory: each replica limits on its own.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number }>();

  constructor(private readonly perMinute: number) {}

  /** Takes one request from the caller's bucket; answers how long to wait when it is empty. */
  take(caller: string, nowMs: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const bucket = this.buckets.get(caller) ?? { tokens: this.perMinute, updatedMs: nowMs };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((nowMs - bucket.updatedMs) / 60_000) * this.perMinute);
    bucket.updatedMs = nowMs;
    this.buckets.set(caller, bucket);
    if (this.buckets.size > 100_000) this.forgetIdle(nowMs);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.ceil(((1 - bucket.tokens) / this.perMinute) * 60) };
  }

  private forgetIdle(nowMs: number): void {
    for (const [caller, bucket] of this.buckets) if (nowMs - bucket.updatedMs > 120_000) this.buckets.delete(caller);
  }
}
