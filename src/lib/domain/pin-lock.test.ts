import { describe, expect, it } from 'vitest';
import { attemptsLeft, pinGate, recordFailure, type PinAttempts } from './pin-lock';

const rule = { maxAttempts: 5, lockMs: 60_000 };

describe('PIN lockout', () => {
  it('refuses the 6th try within a minute and allows it again a minute after the 5th failure', () => {
    let attempts: PinAttempts = { failures: [] };
    for (let i = 0; i < 5; i++) {
      expect(pinGate(attempts, rule, 1_000 + i * 1_000).allowed).toBe(true);
      attempts = recordFailure(attempts, rule, 1_000 + i * 1_000);
    }
    expect(attemptsLeft(attempts, rule, 5_500)).toBe(0);
    expect(pinGate(attempts, rule, 6_000)).toEqual({ allowed: false, retryAt: 65_000 });
    expect(pinGate(attempts, rule, 64_999).allowed).toBe(false);
    expect(pinGate(attempts, rule, 65_000).allowed).toBe(true);
  });

  it('forgets failures older than the lock window', () => {
    let attempts: PinAttempts = { failures: [] };
    for (let i = 0; i < 4; i++) attempts = recordFailure(attempts, rule, i * 1_000);
    attempts = recordFailure(attempts, rule, 120_000);
    expect(pinGate(attempts, rule, 120_500).allowed).toBe(true);
    expect(attemptsLeft(attempts, rule, 120_500)).toBe(4);
  });
});
