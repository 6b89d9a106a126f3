import { shiftSlots, type ShiftSlot } from '../records/shift';

/** A shift's times of day as the office sets them ('08:00'–'16:00'; an end before the start runs past midnight). */
export interface ShiftTimes {
  start: string;
  end: string;
}
export type ShiftTable = Record<ShiftSlot, ShiftTimes>;

/** 'HH:MM' → minutes after midnight; '24:00' is the end of the day. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** Whole days added to an ISO date (pure: no time zone, the date is the office's). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function covers(times: ShiftTimes, minutes: number): 'same' | 'after-midnight' | null {
  const start = minutesOf(times.start);
  const end = minutesOf(times.end);
  if (start < end) return minutes >= start && minutes < end ? 'same' : null;
  // Runs past midnight (夜班 22:00–06:00): the part after midnight belongs to the day it began.
  if (minutes >= start) return 'same';
  if (minutes < end) return 'after-midnight';
  return null;
}

/**
 * The shift on duty at `minutes` after midnight of the office's day `date`, with the date the
 * shift belongs to (the day it began). Between shifts (a gap in the roster) it is the one
 * that ended last, whose handover is due.
 */
export function shiftAt(
  table: ShiftTable,
  date: string,
  minutes: number
): { date: string; slot: ShiftSlot } {
  for (const slot of shiftSlots) {
    const hit = covers(table[slot], minutes);
    if (hit === 'same') return { date, slot };
    if (hit === 'after-midnight') return { date: addDays(date, -1), slot };
  }
  // A gap: the latest shift that ended before now (its handover is due).
  let best: { date: string; slot: ShiftSlot; end: number } | null = null;
  for (const day of [-1, 0])
    for (const slot of shiftSlots) {
      const ends = shiftEnd(table, addDays(date, day), slot);
      const end =
        minutesOf('24:00') * (ends.date === date ? 0 : ends.date < date ? -1 : 1) + ends.minutes;
      if (end <= minutes && (!best || end > best.end))
        best = { date: addDays(date, day), slot, end };
    }
  return best ? { date: best.date, slot: best.slot } : { date, slot: shiftSlots[0] };
}

/** The shift that takes over from `slot` of `date` (the night hands over to the next day's early shift). */
export function nextShift(date: string, slot: ShiftSlot): { date: string; slot: ShiftSlot } {
  const i = shiftSlots.indexOf(slot);
  return i < shiftSlots.length - 1
    ? { date, slot: shiftSlots[i + 1] }
    : { date: addDays(date, 1), slot: shiftSlots[0] };
}

/** The shift before: whose handover the one on duty receives. */
export function previousShift(date: string, slot: ShiftSlot): { date: string; slot: ShiftSlot } {
  const i = shiftSlots.indexOf(slot);
  return i > 0
    ? { date, slot: shiftSlots[i - 1] }
    : { date: addDays(date, -1), slot: shiftSlots[shiftSlots.length - 1] };
}

/** When a shift ends, as the office's date and minutes (for "this handover is overdue"). */
export function shiftEnd(
  table: ShiftTable,
  date: string,
  slot: ShiftSlot
): { date: string; minutes: number } {
  const { start, end } = table[slot];
  const endMin = minutesOf(end);
  return minutesOf(start) < endMin
    ? { date, minutes: endMin }
    : { date: addDays(date, 1), minutes: endMin };
}

/** The shift table from the office settings (records/settings.ts, 003 §3.9). */
export function shiftTable(s: {
  shiftEarlyStart: string;
  shiftEarlyEnd: string;
  shiftMiddleStart: string;
  shiftMiddleEnd: string;
  shiftNightStart: string;
  shiftNightEnd: string;
}): ShiftTable {
  return {
    early: { start: s.shiftEarlyStart, end: s.shiftEarlyEnd },
    middle: { start: s.shiftMiddleStart, end: s.shiftMiddleEnd },
    night: { start: s.shiftNightStart, end: s.shiftNightEnd }
  };
}
