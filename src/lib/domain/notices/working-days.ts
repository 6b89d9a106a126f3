import { isKnownYear, isWorkingDay } from '../calendar/working-days';
import { addDays } from './zoned-time';

/**
 * Working days of the Chinese calendar, with public holidays and the adjusted working
 * weekends 调休 (DOMAIN "Working days"). The rules take this as a parameter so tests can
 * use a plain Monday–Friday week.
 * The Chinese one is the shared calendar of src/lib/domain/calendar (chinese-days data).
 */
export interface WorkCalendar {
  /** Whether a YYYY-MM-DD is a working day. */
  isWorkingDay(date: string): boolean;
  /** Whether the calendar's data covers the year (absent: a synthetic week, no holidays). */
  knowsYear?(year: number): boolean;
}

export const chineseCalendar: WorkCalendar = {
  isWorkingDay: (date) => isWorkingDay(date),
  knowsYear: (year) => isKnownYear(year)
};

/** Monday to Friday, no holidays: for tests and for years the calendar data does not cover. */
export const weekdayCalendar: WorkCalendar = {
  isWorkingDay: (date) => {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6;
  }
};

/**
 * The date `count` working days after (count > 0) or before (count < 0) `date`, not
 * counting `date` itself. 0 gives `date`.
 */
export function shiftWorkingDays(calendar: WorkCalendar, date: string, count: number): string {
  const step = count < 0 ? -1 : 1;
  let left = Math.abs(count);
  let day = date;
  while (left > 0) {
    day = addDays(day, step);
    if (calendar.isWorkingDay(day)) left--;
  }
  return day;
}
