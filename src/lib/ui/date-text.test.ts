import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dayParts,
  formatDay,
  formatMonth,
  monthGrid,
  parseDay,
  weekdayNames
} from './date-text';

describe('the date field shows a day in the app language', () => {
  it('Chinese, traditional Chinese and English, never moved by a time zone', () => {
    expect(formatDay('2026-12-05', 'zh-Hans')).toBe('2026年12月5日');
    expect(formatDay('2026-12-05', 'zh-Hant')).toBe('2026年12月5日');
    expect(formatDay('2026-12-05', 'en')).toBe('5 December 2026');
    expect(formatDay('2026-01-01', 'en')).toBe('1 January 2026');
    expect(formatDay('', 'en')).toBe('');
    expect(formatDay('2026-02-30', 'zh-Hans')).toBe('');
    expect(formatMonth('2026-12-05', 'zh-Hans')).toBe('2026年12月');
    expect(formatMonth('2026-12-05', 'en')).toBe('December 2026');
  });

  it('the month page starts on Monday and holds six weeks', () => {
    const grid = monthGrid('2026-12-05');
    expect(grid).toHaveLength(42);
    expect(grid[0]).toBe('2026-11-30'); // Monday before 1 December (a Tuesday)
    expect(grid).toContain('2026-12-31');
    expect(weekdayNames('en')[0].short).toBe('Mon');
    expect(weekdayNames('zh-Hans')[6].long).toBe('星期日');
  });

  it('a month on keeps the day or takes the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12-05', 1)).toBe('2027-01-05');
    expect(addMonths('2026-01-05', -1)).toBe('2025-12-05');
  });
});

describe('what the desk types becomes the ISO day', () => {
  const today = '2026-12-05';
  it.each([
    ['2026-12-05', 'zh-Hans', '2026-12-05'],
    ['2026/12/5', 'zh-Hans', '2026-12-05'],
    ['2026.12.5', 'en', '2026-12-05'],
    ['20261205', 'zh-Hant', '2026-12-05'],
    ['2026年12月5日', 'zh-Hans', '2026-12-05'],
    ['２０２６年１２月５日', 'zh-Hans', '2026-12-05'],
    ['12月5日', 'zh-Hans', '2026-12-05'],
    ['3-1', 'zh-Hans', '2026-03-01'],
    ['5/12/2026', 'en', '2026-12-05'],
    ['5 Dec 2026', 'en', '2026-12-05'],
    ['5 December 2026', 'en', '2026-12-05'],
    ['December 5, 2026', 'en', '2026-12-05'],
    ['sept 9 2026', 'en', '2026-09-09'],
    ['5 Dec', 'en', '2026-12-05'],
    ['1/3', 'en', '2026-03-01'],
    ['2024-02-29', 'en', '2024-02-29']
  ] as const)('%s (%s) → %s', (text, locale, iso) => {
    expect(parseDay(text, locale, today)).toBe(iso);
  });

  it.each([
    ['', 'en'],
    ['tomorrow', 'en'],
    ['2026-02-30', 'zh-Hans'],
    ['2025-02-29', 'en'],
    ['13/13/2026', 'en'],
    ['5 Dec 2026 Jan', 'en'],
    ['12/5/2026', 'zh-Hans'],
    ['2026', 'zh-Hans']
  ] as const)('%s (%s) is not a date', (text, locale) => {
    expect(parseDay(text, locale, today)).toBeNull();
  });

  it('an invalid ISO day has no parts', () => {
    expect(dayParts('2026-13-01')).toBeNull();
    expect(dayParts('2026-12-05')).toEqual({ year: 2026, month: 12, day: 5 });
  });
});
