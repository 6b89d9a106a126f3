import type { Shift } from '../records/shift';
import { shiftEnd, type ShiftTable } from './shift-times';

export interface UnsignedShifts {
  /** Ended, but the handover is not signed by both shifts. */
  notHandedOver: Shift[];
  /** Signed by both, waiting for the manager's or duty head's review. */
  notReviewed: Shift[];
}

/**
 * 003 §3.9 7](2): every shift's record is signed by the outgoing person and read and signed
 * daily by the manager or duty head. What is still unsigned, oldest first, as of the office's
 * `date` and `minutes` after midnight.
 */
export function unsignedShifts(
  shifts: readonly Shift[],
  table: ShiftTable,
  now: { date: string; minutes: number }
): UnsignedShifts {
  const ended = (s: Shift) => {
    const end = shiftEnd(table, s.date, s.slot);
    return end.date < now.date || (end.date === now.date && end.minutes <= now.minutes);
  };
  const live = shifts.filter((s) => !s.deleted).sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    notHandedOver: live.filter((s) => s.status !== 'closed' && ended(s)),
    notReviewed: live.filter((s) => s.status === 'closed' && s.reviewedAt === undefined)
  };
}
