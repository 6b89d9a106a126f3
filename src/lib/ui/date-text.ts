/**
 * Calendar days (`YYYY-MM-DD`, what records keep) shown and typed in the app's language.
 * Chromium draws a native `<input type="date">` in the browser's UI language whatever the
 * page's `lang` says (issue 20 fault 7), so the desk's date field formats and reads dates
 * itself, through Intl. Pure: no clock — callers pass today's day where one is needed.
 */
import { formatDate, intlLocales } from '$lib/i18n/format';
import type { Locale } from '$lib/i18n';

export interface DayParts {
  year: number;
  month: number; // 1–12
  day: number;
}

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The parts of a real calendar day, or null (2026-02-30 is not one). */
export function dayParts(iso: string): DayParts | null {
  const match = isoPattern.exec(iso);
  if (!match) return null;
  return checked(Number(match[1]), Number(match[2]), Number(match[3]));
}

function checked(year: number, month: number, day: number): DayParts | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years below 100 to 19xx; the range check above keeps that out.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isoOf({ year, month, day }: DayParts): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function utc(iso: string): number | null {
  const p = dayParts(iso);
  return p ? Date.UTC(p.year, p.month - 1, p.day) : null;
}

function isoOfUtc(ms: number): string {
  const d = new Date(ms);
  return isoOf({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** "2026年12月5日" · "5 December 2026"; empty for an empty or invalid day. */
export function formatDay(iso: string, locale: Locale): string {
  const ms = utc(iso);
  // The day is a calendar day, not a moment: formatted in UTC so no time zone moves it.
  return ms === null ? '' : formatLong(ms, locale);
}

function formatLong(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocales[locale], {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC'
  }).format(ms);
}

/** "2026年12月5日星期六" · "Saturday 5 December 2026": the name a calendar day is read out by. */
export function formatDayLong(iso: string, locale: Locale): string {
  const ms = utc(iso);
  return ms === null ? '' : formatDate(ms, locale, 'UTC', 'long');
}

/** "2026年12月" · "December 2026" */
export function formatMonth(iso: string, locale: Locale): string {
  const ms = utc(iso);
  return ms === null ? '' : formatDate(ms, locale, 'UTC', 'month');
}

export function addDays(iso: string, days: number): string {
  const ms = utc(iso);
  return ms === null ? iso : isoOfUtc(ms + days * 86_400_000);
}

/** The same day n months on, or the month's last day when it has fewer (1-31 + 1 → 2-28). */
export function addMonths(iso: string, months: number): string {
  const p = dayParts(iso);
  if (!p) return iso;
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoOf({ year, month, day: Math.min(p.day, last) });
}

/** 0 = Monday … 6 = Sunday: the office's week starts on Monday (China, and en-GB). */
export function weekdayIndex(iso: string): number {
  const ms = utc(iso) ?? 0;
  return (new Date(ms).getUTCDay() + 6) % 7;
}

/** The 6 × 7 days a month page shows, Monday first, from the Monday on or before the 1st. */
export function monthGrid(iso: string): string[] {
  const p = dayParts(iso);
  if (!p) return [];
  const first = isoOf({ ...p, day: 1 });
  const start = addDays(first, -weekdayIndex(first));
  return Array.from({ length: 42 }, (_, i) => addDays(start, i));
}

/** Short weekday names, Monday first: 一 二 … 日 · Mon Tue … Sun. */
export function weekdayNames(locale: Locale): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(intlLocales[locale], {
    weekday: locale === 'en' ? 'short' : 'narrow',
    timeZone: 'UTC'
  });
  const long = new Intl.DateTimeFormat(intlLocales[locale], { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const ms = Date.UTC(2024, 0, 1 + i);
    return { short: short.format(ms), long: long.format(ms) };
  });
}

const monthWords = new Map<string, number>();
function englishMonth(word: string): number | undefined {
  if (!monthWords.size) {
    for (const style of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat('en-GB', { month: style, timeZone: 'UTC' });
      for (let m = 0; m < 12; m++) {
        monthWords.set(
          format
            .format(Date.UTC(2024, m, 1))
            .toLowerCase()
            .replace('.', ''),
          m + 1
        );
      }
    }
    monthWords.set('sept', 9);
  }
  return monthWords.get(word.toLowerCase());
}

function fullYear(text: string): number {
  const n = Number(text);
  return text.length <= 2 ? 2000 + n : n;
}

/** What both the day and the month parsers read from typed text: the text with full-width
 *  digits made plain, its numbers, its English month name, the year of `today`; null when the
 *  text is empty or holds a word that is not one month name. */
function typedParts(text: string, today?: string) {
  const clean = text
    .trim()
    // Full-width digits from a Chinese input method.
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!clean) return null;
  const words = clean.match(/[a-z]+/gi) ?? [];
  const named = words.map(englishMonth).filter((m): m is number => m !== undefined);
  // Any other word (or more than one month name) is not a date.
  if (words.length !== named.length || named.length > 1) return null;
  return {
    clean,
    numbers: clean.match(/\d+/g) ?? [],
    named,
    thisYear: today ? (dayParts(today)?.year ?? null) : null
  };
}

/**
 * What the desk typed, as an ISO day, or null when it is not a date. Accepted in every
 * language: 2026-12-05, 2026/12/5, 2026.12.5, 20261205, 2026年12月5日 (full-width digits
 * too); in English also 5/12/2026 (day first, as en-GB), "5 Dec 2026", "December 5, 2026".
 * Without a year ("12月5日", "5 Dec") the year of `today` is taken.
 */
export function parseDay(text: string, locale: Locale, today?: string): string | null {
  const typed = typedParts(text, today);
  if (!typed) return null;
  const { numbers, named, thisYear } = typed;

  let parts: DayParts | null = null;
  if (named.length === 1) {
    const month = named[0] ?? 0;
    const [a = '', b = ''] = numbers;
    if (numbers.length === 2) {
      // "5 Dec 2026" or "Dec 5, 2026": the year is the long number.
      const yearFirst = a.length > 2;
      const yearText = yearFirst ? a : b;
      const dayText = yearFirst ? b : a;
      parts = checked(fullYear(yearText), month, Number(dayText));
    } else if (numbers.length === 1 && a.length <= 2 && thisYear !== null) {
      parts = checked(thisYear, month, Number(a));
    }
  } else if (numbers.length === 1 && /^\d{8}$/.test(numbers[0])) {
    const n = numbers[0];
    parts = checked(Number(n.slice(0, 4)), Number(n.slice(4, 6)), Number(n.slice(6)));
  } else if (numbers.length === 3) {
    const [a = '', b = '', c = ''] = numbers;
    if (a.length >= 3) parts = checked(Number(a), Number(b), Number(c));
    // Day first is what en-GB writes; a Chinese desk writes the year first.
    else if (locale === 'en') parts = checked(fullYear(c), Number(b), Number(a));
    else if (c.length === 4) return null;
    else parts = checked(fullYear(a), Number(b), Number(c));
  } else if (numbers.length === 2 && thisYear !== null) {
    const [a = '', b = ''] = numbers;
    parts =
      locale === 'en'
        ? checked(thisYear, Number(b), Number(a))
        : checked(thisYear, Number(a), Number(b));
  }
  return parts ? isoOf(parts) : null;
}

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a wall-clock time `HH:mm` (00:00–23:59). */
export function isTime(text: string): boolean {
  return timePattern.test(text);
}

/**
 * What the desk typed as a time of day, as `HH:mm`, or null. Accepted in every language:
 * 14:30, 14.30, 1430, 9 (a whole hour), 14点30分 / 14時30分 / 14点半, 下午2点 (上午/下午/晚上),
 * 2:30 pm. Full-width digits and colons too.
 */
export function parseTime(text: string): string | null {
  let clean = text
    .trim()
    .toLowerCase()
    .replace(/[０-９：]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!clean) return null;
  let afternoon: boolean | null = null;
  const half = /半$/.test(clean);
  const marks: [RegExp, boolean][] = [
    [/^(上午|早上|凌晨|清晨)/, false],
    [/^(下午|晚上|傍晚|中午)/, true],
    [/\s*(am|a\.m\.)$/, false],
    [/\s*(pm|p\.m\.)$/, true]
  ];
  for (const [mark, pm] of marks) {
    if (mark.test(clean)) {
      afternoon = pm;
      clean = clean.replace(mark, '');
    }
  }
  const match =
    /^(\d{1,2})(?:[:.点點時时](\d{1,2})?分?|[点點時时]半)?$/.exec(clean) ??
    /^(\d{1,2})(\d{2})$/.exec(clean);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = half ? 30 : Number(match[2] ?? 0);
  if (minute > 59) return null;
  // 下午2点 and 2 pm are 14:00, 12 am is midnight; an hour past 12 (下午14点) stays as written.
  if (afternoon === true && hour >= 1 && hour < 12) hour += 12;
  else if (afternoon === false && hour === 12) hour = 0;
  if (hour > 23) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A `YYYY-MM-DDTHH:mm` value split into its day and time ('' for a missing part). */
export function splitDateTime(value: string): { day: string; time: string } {
  const [day = '', time = ''] = value.split('T');
  return { day: dayParts(day) ? day : '', time: isTime(time) ? time : '' };
}

/**
 * A full date and time typed into the day box ("2026-12-04T19:30", "2026/12/4 19:30",
 * "2026年12月4日 19:30"): its day and time, or null when the text is not one.
 */
export function parseDateTime(
  text: string,
  locale: Locale,
  today?: string
): { day: string; time: string } | null {
  const match = /^(.+?)\s*(?:T|\s)\s*(\S*\d\S*)$/i.exec(text.trim());
  if (!match) return null;
  const day = parseDay(match[1] ?? '', locale, today);
  const time = parseTime(match[2] ?? '');
  return day && time ? { day, time } : null;
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for a month `YYYY-MM`. */
export function isMonth(text: string): boolean {
  return monthPattern.test(text);
}

/** "2026年12月" · "December 2026" for a `YYYY-MM` month; empty for anything else. */
export function formatMonthValue(month: string, locale: Locale): string {
  return isMonth(month) ? formatMonth(`${month}-01`, locale) : '';
}

/** The month n months on: 2026-12 + 1 → 2027-01. */
export function addMonthsToMonth(month: string, months: number): string {
  return isMonth(month) ? addMonths(`${month}-01`, months).slice(0, 7) : month;
}

/**
 * What the desk typed as a month, as `YYYY-MM`, or null. Accepted in every language: 2026-12,
 * 2026/12, 2026.12, 202612, 2026年12月 (full-width digits too), "December 2026", "Dec 2026";
 * in English also 12/2026 (month before year, as en-GB writes it). "12月" or "Dec" alone take
 * the year of `today`.
 */
export function parseMonth(text: string, locale: Locale, today?: string): string | null {
  const typed = typedParts(text, today);
  if (!typed) return null;
  const { clean, numbers, named, thisYear } = typed;
  // Only digits, separators and the characters a Chinese month is written with.
  if (/[^\d\sa-z,./\-年月]/i.test(clean)) return null;
  let year: number | null = null;
  let month: number | null = null;
  if (named.length === 1) {
    month = named[0] ?? null;
    if (numbers.length === 1 && (numbers[0] ?? '').length === 4) year = Number(numbers[0]);
    else if (numbers.length === 0) year = thisYear;
  } else if (numbers.length === 1 && /^\d{6}$/.test(numbers[0] ?? '')) {
    const n = numbers[0] ?? '';
    year = Number(n.slice(0, 4));
    month = Number(n.slice(4));
  } else if (numbers.length === 2) {
    const [a = '', b = ''] = numbers;
    if (a.length === 4) [year, month] = [Number(a), Number(b)];
    else if (b.length === 4) [year, month] = [Number(b), Number(a)];
  } else if (numbers.length === 1 && /月$/.test(clean) && (numbers[0] ?? '').length <= 2) {
    year = thisYear;
    month = Number(numbers[0]);
  }
  if (year === null || month === null || year < 1000 || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}
