import { addDays } from '../calendar/zoned';
import { shiftMonth } from '../tickets/statistics';
import { monthDays } from './population';

/** A run of calendar days, inclusive. */
export interface DayRange {
  first: string;
  last: string;
  days: number;
}

export interface LikeForLike {
  current: DayRange;
  /** The same number of days at the start of the month before… */
  previous: DayRange;
  /** …and of the same month a year earlier. */
  lastYear: DayRange;
  /** True when the month is not over yet: the comparison covers its first days only. */
  partial: boolean;
}

function firstDays(month: string, days: number): DayRange {
  const [first, last] = monthDays(month);
  const length = Number(last.slice(8, 10));
  const n = Math.min(days, length);
  return { first, last: addDays(first, n - 1), days: n };
}

/**
 * Periods compared like for like (issue 19: "上月报修 99 件，增减 -85" compared six days of a
 * month with a whole one). A month that is over is compared with the whole month before
 * and the same month last year; a month still running, up to `today`, with as many days at
 * the start of each. A month shorter than the days asked for gives all its days, and says so
 * in `days`.
 */
export function likeForLike(month: string, today: string): LikeForLike {
  const [, last] = monthDays(month);
  const partial = today >= `${month}-01` && today < last;
  if (!partial) {
    const whole = (m: string): DayRange => {
      const [f, l] = monthDays(m);
      return { first: f, last: l, days: Number(l.slice(8, 10)) };
    };
    return {
      current: whole(month),
      previous: whole(shiftMonth(month, -1)),
      lastYear: whole(shiftMonth(month, -12)),
      partial
    };
  }
  const days = Number(today.slice(8, 10));
  return {
    current: firstDays(month, days),
    previous: firstDays(shiftMonth(month, -1), days),
    lastYear: firstDays(shiftMonth(month, -12), days),
    partial
  };
}

/** How many of the dates (YYYY-MM-DD) fall in a range. */
export function countIn(dates: readonly string[], range: DayRange): number {
  let n = 0;
  for (const d of dates) if (d >= range.first && d <= range.last) n++;
  return n;
}

/** The change from one count to another, and as a share of the earlier one (null from 0). */
export function change(before: number, now: number): { delta: number; pct: number | null } {
  return { delta: now - before, pct: before > 0 ? ((now - before) / before) * 100 : null };
}
