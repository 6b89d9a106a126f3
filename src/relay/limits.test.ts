import { describe, expect, it } from 'vitest';
import { TokenBucket } from './limits';

describe('token bucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([1, 2, 3].map(() => bucket.take(0).ok)).toEqual([true, true, true]);
    expect(bucket.take(0)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(bucket.take(100).ok).toBe(true); // 0.1 s at 10/s = one token
    expect(bucket.take(100).ok).toBe(false);
    expect([1, 2, 3, 4].map(() => bucket.take(10_000).ok)).toEqual([true, true, true, false]); // capped at burst
  });
});
