/**
 * Dates, times, numbers and money for the screen, through `Intl` only (team rule).
 * Pure: every function takes the locale and time zone it formats for; `$lib/i18n` wraps
 * them with the current locale and the office's time zone.
 */
import type { Locale } from './types';

/** The office's time zone unless its settings say otherwise (DESIGN.md: a Chinese office). */
export const defaultTimeZone = 'Asia/Shanghai';

/**
 * The Intl locale behind each UI locale. zh-Hant uses Taiwan's conventions rather than
 * Hong Kong's because they keep the year-month-day order mainland colleagues read;
 * en uses British English for its day-month-year and 24-hour clock, and dates spell the
 * month ("1 Oct 2026") so nobody has to guess whether 01/10 is January or October.
 */
export const intlLocales: Record<Locale, string> = {
  'zh-Hans': 'zh-CN',
  'zh-Hant': 'zh-TW',
  en: 'en-GB'
};

/** A moment as records keep it: a Date, epoch milliseconds or an ISO 8601 string. */
export type DateInput = Date | number | string;

export type DateStyle = 'short' | 'long' | 'monthDay' | 'month';

const dateOptions: Record<DateStyle, (locale: Locale) => Intl.DateTimeFormatOptions> = {
  // 2026/10/1 · 1 Oct 2026
  short: (l) =>
    l === 'en'
      ? { day: 'numeric', month: 'short', year: 'numeric' }
      : { year: 'numeric', month: 'numeric', day: 'numeric' },
  // 2026年10月1日星期四 · Thursday 1 October 2026
  long: () => ({ year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }),
  // 10月1日 · 1 Oct
  monthDay: (l) =>
    l === 'en' ? { day: 'numeric', month: 'short' } : { month: 'long', day: 'numeric' },
  // 2026年10月 · October 2026
  month: () => ({ year: 'numeric', month: 'long' })
};

// A 24-hour clock everywhere: shift times like 08:30 / 20:30 must never be misread.
const timeOptions: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23'
};

// Building a formatter costs far more than using one, and lists format hundreds of dates.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T
): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

function dateTimeFormat(
  locale: Locale,
  timeZone: string,
  options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
  return cached(`dt|${locale}|${timeZone}|${JSON.stringify(options)}`, () => {
    return new Intl.DateTimeFormat(intlLocales[locale], { ...options, timeZone });
  });
}

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(
    `n|${locale}|${JSON.stringify(options)}`,
    () => new Intl.NumberFormat(intlLocales[locale], options)
  );
}

/** The Date for a value, or null when it is missing or not a real moment. */
export function toDate(value: DateInput | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Empty for a missing or invalid date, so a list cell stays blank rather than the page failing. */
export function formatDate(
  value: DateInput | null | undefined,
  locale: Locale,
  timeZone: string = defaultTimeZone,
  style: DateStyle = 'short'
): string {
  const date = toDate(value);
  return date ? dateTimeFormat(locale, timeZone, dateOptions[style](locale)).format(date) : '';
}

/** 08:30 */
export function formatTime(
  value: DateInput | null | undefined,
  locale: Locale,
  timeZone: string = defaultTimeZone
): string {
  const date = toDate(value);
  return date ? dateTimeFormat(locale, timeZone, timeOptions).format(date) : '';
}

/** 2026/10/1 08:30 · 1 Oct 2026, 08:30 */
export function formatDateTime(
  value: DateInput | null | undefined,
  locale: Locale,
  timeZone: string = defaultTimeZone
): string {
  const date = toDate(value);
  if (!date) return '';
  return dateTimeFormat(locale, timeZone, { ...dateOptions.short(locale), ...timeOptions }).format(
    date
  );
}

/** The calendar day in the time zone as `YYYY-MM-DD`, for `<input type="date">` and file names. */
export function toIsoDate(
  value: DateInput | null | undefined,
  timeZone: string = defaultTimeZone
): string {
  const date = toDate(value);
  if (!date) return '';
  const parts = dateTimeFormat('en', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit'
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function formatNumber(
  value: number,
  locale: Locale,
  options: Pick<Intl.NumberFormatOptions, 'minimumFractionDigits' | 'maximumFractionDigits'> = {}
): string {
  return numberFormat(locale, options).format(value);
}

/** A ratio as a percentage: 0.995 → 99.5%. Indicators (timeliness ≥ 99 %) need one decimal. */
export function formatPercent(ratio: number, locale: Locale, fractionDigits = 1): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: fractionDigits }).format(
    ratio
  );
}

/**
 * An amount in yuan as money: ¥1,234.50. The office deals only in CNY, so the plain ¥
 * sign is used in every locale rather than "CN¥". Amounts kept in fen must be divided by 100 first.
 */
export function formatMoney(yuan: number, locale: Locale): string {
  return numberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol'
  }).format(yuan);
}

/**
 * An amount in integer fen as money (¥1,234.50), exactly: the number is handed to Intl as a
 * decimal string, so no float ever stands for money (issue 18 §6).
 */
export function formatFen(fen: number, locale: Locale): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
  const abs = Math.abs(fen);
  const text = `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return numberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol'
  }).format(text as Intl.StringNumericLiteral);
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * "3 分钟前", "in 2 hours", "昨天"; a week or more away it gives the date instead,
 * because "23 days ago" makes a reader count back on a calendar.
 */
export function formatRelativeTime(
  value: DateInput | null | undefined,
  now: DateInput,
  locale: Locale,
  timeZone: string = defaultTimeZone
): string {
  const date = toDate(value);
  const reference = toDate(now);
  if (!date || !reference) return '';
  const diff = date.getTime() - reference.getTime();
  const size = Math.abs(diff);
  if (size >= 7 * day) return formatDate(date, locale, timeZone);
  const rtf = cached(
    `rt|${locale}`,
    () => new Intl.RelativeTimeFormat(intlLocales[locale], { numeric: 'auto', style: 'long' })
  );
  if (size < minute) return rtf.format(0, 'second');
  if (size < hour) return rtf.format(Math.trunc(diff / minute), 'minute');
  if (size < day) return rtf.format(Math.trunc(diff / hour), 'hour');
  return rtf.format(Math.trunc(diff / day), 'day');
}

/** Whether the runtime knows a time zone name, before the office setting stores it. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
