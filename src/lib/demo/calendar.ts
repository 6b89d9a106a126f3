/**
 * Calendar arithmetic for the demo on a fixed UTC+8 grid (Asia/Shanghai has no daylight
 * saving time since 1991). A "day" is the number of days since 1970-01-01 in Shanghai:
 * the demo's history is drawn day by day, so a day's requests do not depend on `asOf`.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

/** The Shanghai day a moment falls on. */
export const dayOf = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
/** Midnight (Shanghai) that starts a day, as ms since the epoch. */
export const startOfDay = (day: number): number => day * DAY - OFFSET;
/** The moment `hours` (fractional) after a day's midnight. */
export const atHour = (day: number, hours: number): number =>
  startOfDay(day) + Math.round(hours * HOUR);
/** Hours since midnight, Shanghai time. */
export const hourOf = (ms: number): number => (ms - startOfDay(dayOf(ms))) / HOUR;

/** 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export const weekdayOf = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;
export const isWeekend = (day: number): boolean => weekdayOf(day) >= 6;

/** Month 1–12 of a day. */
export const monthOf = (day: number): number => new Date(day * DAY).getUTCMonth() + 1;

/** YYYY-MM-DD, the form of calendar dates in records (occupancy from/to). */
export function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** `count` working days (Monday–Friday) after a moment, at the same time of day. */
export function addWorkingDays(ms: number, count: number): number {
  let day = dayOf(ms);
  let left = count;
  while (left > 0) {
    day++;
    if (!isWeekend(day)) left--;
  }
  return ms + (day - dayOf(ms)) * DAY;
}
