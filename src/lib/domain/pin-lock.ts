/**
 * Lockout after wrong PINs on a shared tablet (foundation issue §5): after `maxAttempts`
 * wrong PINs within `lockMs`, that person is locked for `lockMs` from the last failure.
 * Pure: the caller passes `now` and stores the record (device-local, never synced).
 */
export interface PinAttempts {
  /** Times of recent wrong PINs, oldest first. */
  failures: number[];
}

export interface PinLockRule {
  maxAttempts: number;
  lockMs: number;
}

export type PinGate = { allowed: true } | { allowed: false; retryAt: number };

export function pinGate(attempts: PinAttempts, rule: PinLockRule, now: number): PinGate {
  const last = attempts.failures.slice(-rule.maxAttempts);
  if (last.length < rule.maxAttempts) return { allowed: true };
  const newest = last[last.length - 1];
  // Locked when the last `maxAttempts` failures fell within one lock window.
  if (newest - last[0] < rule.lockMs && now < newest + rule.lockMs)
    return { allowed: false, retryAt: newest + rule.lockMs };
  return { allowed: true };
}

export function recordFailure(attempts: PinAttempts, rule: PinLockRule, now: number): PinAttempts {
  const recent = attempts.failures.filter((t) => now - t < rule.lockMs);
  return { failures: [...recent, now].slice(-rule.maxAttempts) };
}

/** How many tries are left before the lock, to tell the person at the tablet. */
export function attemptsLeft(attempts: PinAttempts, rule: PinLockRule, now: number): number {
  if (!pinGate(attempts, rule, now).allowed) return 0;
  return Math.max(
    0,
    rule.maxAttempts - attempts.failures.filter((t) => now - t < rule.lockMs).length
  );
}
