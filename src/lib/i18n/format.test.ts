import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatFen,
  formatNumber,
  formatPercent,
  formatRelativeTime,
  formatTime,
  isTimeZone,
  toIsoDate
} from './format';

// 00:30 UTC is 08:30 in Shanghai: the day and the hour both move.
const nationalDay = '2026-10-01T00:30:00Z';
// ICU puts no-break spaces in some locales; the reader sees a space either way.
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('dates in the office time zone', () => {
  it('shows date and time in Asia/Shanghai whatever the machine’s zone', () => {
    expect(formatDateTime(nationalDay, 'zh-Hans')).toBe('2026/10/1 08:30');
    expect(plain(formatDateTime(nationalDay, 'zh-Hant'))).toBe('2026/10/1 08:30');
    expect(formatDateTime(nationalDay, 'en')).toBe('1 Oct 2026, 08:30');
  });

  it('takes the day in Shanghai, not in UTC', () => {
    expect(formatDate('2026-09-30T16:30:00Z', 'zh-Hans')).toBe('2026/10/1');
    expect(toIsoDate('2026-09-30T16:30:00Z')).toBe('2026-10-01');
    expect(toIsoDate('2026-09-30T16:30:00Z', 'Europe/London')).toBe('2026-09-30');
  });

  it('uses another zone when the office sets one', () => {
    expect(formatTime(nationalDay, 'zh-Hans', 'Asia/Urumqi')).toBe('06:30');
  });

  it('uses a 24-hour clock in every locale', () => {
    const evening = '2026-10-01T12:05:00Z';
    expect(formatTime(evening, 'zh-Hans')).toBe('20:05');
    expect(formatTime(evening, 'zh-Hant')).toBe('20:05');
    expect(formatTime(evening, 'en')).toBe('20:05');
  });

  it('has long, month-day and month styles', () => {
    expect(formatDate(nationalDay, 'zh-Hans', 'Asia/Shanghai', 'long')).toBe('2026年10月1日星期四');
    expect(formatDate(nationalDay, 'en', 'Asia/Shanghai', 'long')).toBe('Thursday, 1 October 2026');
    expect(formatDate(nationalDay, 'zh-Hans', 'Asia/Shanghai', 'monthDay')).toBe('10月1日');
    expect(formatDate(nationalDay, 'en', 'Asia/Shanghai', 'month')).toBe('October 2026');
  });

  it('accepts Date and epoch milliseconds, and leaves missing or invalid dates blank', () => {
    const ms = Date.parse(nationalDay);
    expect(formatDateTime(ms, 'zh-Hans')).toBe('2026/10/1 08:30');
    expect(formatDateTime(new Date(ms), 'zh-Hans')).toBe('2026/10/1 08:30');
    expect(formatDate(null, 'zh-Hans')).toBe('');
    expect(formatDate('not a date', 'en')).toBe('');
  });
});

describe('relative time', () => {
  const now = Date.parse(nationalDay);
  it('says minutes and hours in the locale', () => {
    expect(formatRelativeTime(now - 3 * 60_000, now, 'zh-Hans')).toBe('3分钟前');
    expect(formatRelativeTime(now + 2 * 3_600_000, now, 'en')).toBe('in 2 hours');
    expect(formatRelativeTime(now - 10_000, now, 'en')).toBe('now');
    expect(formatRelativeTime(now - 86_400_000, now, 'zh-Hans')).toBe('昨天');
  });

  it('gives the date once it is a week or more away', () => {
    expect(formatRelativeTime(now - 8 * 86_400_000, now, 'zh-Hans')).toBe('2026/9/23');
  });
});

describe('numbers and money', () => {
  it('groups digits', () => {
    expect(formatNumber(1234567.5, 'zh-Hans')).toBe('1,234,567.5');
    expect(formatNumber(2.456, 'en', { maximumFractionDigits: 1 })).toBe('2.5');
  });

  it('shows indicator percentages with one decimal', () => {
    expect(formatPercent(0.995, 'zh-Hans')).toBe('99.5%');
    expect(formatPercent(1, 'en')).toBe('100%');
    expect(formatPercent(0.0021, 'zh-Hant', 2)).toBe('0.21%');
  });

  it('shows yuan with ¥ and two decimals in every locale', () => {
    expect(formatMoney(1234.5, 'zh-Hans')).toBe('¥1,234.50');
    expect(formatMoney(1234.5, 'zh-Hant')).toBe('¥1,234.50');
    expect(formatMoney(-80, 'en')).toBe('-¥80.00');
  });

  it('formats integer fen exactly, without a float', () => {
    expect(formatFen(123_450, 'zh-Hans')).toBe('¥1,234.50');
    expect(formatFen(-5, 'en')).toBe('-¥0.05');
    expect(formatFen(9_007_199_254_740_991, 'en')).toBe('¥90,071,992,547,409.91');
    expect(() => formatFen(1.5, 'en')).toThrow(RangeError);
  });
});

it('knows real time zones from typos', () => {
  expect(isTimeZone('Asia/Hong_Kong')).toBe(true);
  expect(isTimeZone('Asia/Beijing')).toBe(false);
});
