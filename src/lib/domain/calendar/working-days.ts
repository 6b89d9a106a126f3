/**
 * Chinese working days with the adjusted weekends 调休 (DOMAIN "Working days"), from the
 * maintained `chinese-days` package. We read its data file rather than its functions:
 * they parse dates in the device's local zone, and we work with plain calendar dates.
 *
 * Years the package does not know yet (the State Council publishes each year's schedule
 * in November or December) fall back to Monday–Friday, and every answer that relied on
 * the fallback says so, so the screen can ask staff to check the date by hand.
 */
import days from 'chinese-days/dist/chinese-days.json';
import { addDays, endOfZonedDay, weekday, zonedDate } from './zoned';

const holidays: Record<string, string> = days.holidays;
const workdays: Record<string, string> = days.workdays;

/** The years whose official schedule the installed package carries. */
export const knownYears: ReadonlySet<number> = new Set(
  Object.keys(holidays).map((d) => Number(d.slice(0, 4)))
);

export function isKnownYear(year: number): boolean {
  return knownYears.has(year);
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjustedWorkday';

/** What a date is: a normal workday, a weekend, a public holiday or a 调休 working weekend day. */
export function dayKind(isoDate: string): DayKind {
  if (workdays[isoDate]) return 'adjustedWorkday';
  if (holidays[isoDate]) return 'holiday';
  return weekday(isoDate) >= 6 ? 'weekend' : 'workday';
}

export function isWorkingDay(isoDate: string): boolean {
  const kind = dayKind(isoDate);
  return kind === 'workday' || kind === 'adjustedWorkday';
}

/** The holiday's Chinese name for a date (春节, 国庆节), if it is one. */
export function holidayName(isoDate: string): string | undefined {
  return (holidays[isoDate] ?? workdays[isoDate])?.split(',')[1];
}

export interface WorkingDayDue {
  /** The calendar date of the n-th working day after the start date. */
  date: string;
  /** End of that date in the office's zone: late from the next millisecond. */
  dueAt: number;
  /** True when a year on the way is not in the calendar data: weekdays were assumed. */
  assumed: boolean;
}

/**
 * The n-th working day after the date of `from` (the day itself does not count, as an
 * office counts "2 working days" from a complaint filed today), ending at that day's end.
 * 003 §3.3: a complaint is handled within the deadline the desk sets; 001 §4.3: summaries
 * approved within 2 working days.
 */
export function addWorkingDays(from: number, n: number, timeZone: string): WorkingDayDue {
  let date = zonedDate(from, timeZone);
  let assumed = !isKnownYear(Number(date.slice(0, 4)));
  let left = n;
  while (left > 0) {
    date = addDays(date, 1);
    if (!isKnownYear(Number(date.slice(0, 4)))) assumed = true;
    if (isWorkingDay(date)) left--;
  }
  return { date, dueAt: endOfZonedDay(date, timeZone), assumed };
}

/** Working days strictly after the date of `from` up to and including the date of `to`. */
export function workingDaysBetween(from: number, to: number, timeZone: string): number {
  let date = zonedDate(from, timeZone);
  const last = zonedDate(to, timeZone);
  let n = 0;
  while (date < last) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) n++;
  }
  return n;
}
