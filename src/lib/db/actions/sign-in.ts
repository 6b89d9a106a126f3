import { verifyPin } from '$lib/auth/pin';
import { pinGate, recordFailure, attemptsLeft, type PinAttempts } from '$lib/domain/pin-lock';
import type { Staff } from '$lib/domain/records/staff';
import { withoutClocks } from '$lib/oplog/format';
import { database, type GuanjiaDexie } from '../database';
import { getSettings } from '../queries/office';

export type SignInResult =
  | { ok: true; staff: Staff }
  | { ok: false; reason: 'wrongPin'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; retryAt: number }
  | { ok: false; reason: 'unknown' };

/**
 * Check a PIN on this tablet. Wrong PINs are counted per person on this device (never
 * synced): after the office's limit the person is locked for a while (foundation §5).
 * A locked person's PIN is not even checked, so guessing gains nothing. Every PIN prompt
 * (sign-in, a handover signature: `signerFor`) goes through here, so they share one counter
 * per person: a PIN locked at sign-in is locked at the signature too (issue 13).
 */
export async function signIn(
  staffId: string,
  pin: string,
  db: GuanjiaDexie = database(),
  now = Date.now()
): Promise<SignInResult> {
  const row = await db.staff.get(staffId);
  const staff = row && (withoutClocks(row) as Staff);
  if (!staff || staff.deleted || !staff.active) return { ok: false, reason: 'unknown' };
  const settings = await getSettings(db);
  const rule = { maxAttempts: settings.pinMaxAttempts, lockMs: settings.pinLockSeconds * 1000 };
  const key = `pinAttempts/${staffId}`;
  const attempts = ((await db.local.get(key))?.value as PinAttempts | undefined) ?? {
    failures: []
  };
  const gate = pinGate(attempts, rule, now);
  if (!gate.allowed) return { ok: false, reason: 'locked', retryAt: gate.retryAt };
  if (await verifyPin(pin, staff)) {
    await db.local.delete(key);
    return { ok: true, staff };
  }
  const next = recordFailure(attempts, rule, now);
  await db.local.put({ key, value: next });
  const left = attemptsLeft(next, rule, now);
  return left > 0
    ? { ok: false, reason: 'wrongPin', attemptsLeft: left }
    : { ok: false, reason: 'locked', retryAt: now + rule.lockMs };
}
