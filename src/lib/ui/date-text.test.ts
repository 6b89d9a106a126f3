import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dayParts,
  formatDay,
  formatMonth,
  monthGrid,
  parseDay,
  weekdayNames,
  parseTime,
  parseDateTime,
  splitDateTime,
  parseMonth,
  formatMonthValue,
  addMonthsToMonth
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

describe('what the desk types as a time becomes HH:mm', () => {
  it.each([
    ['14:30', '14:30'],
    ['9:05', '09:05'],
    ['14.30', '14:30'],
    ['1430', '14:30'],
    ['930', '09:30'],
    ['9', '09:00'],
    ['１４：３０', '14:30'],
    ['14点30分', '14:30'],
    ['14時30分', '14:30'],
    ['14点', '14:00'],
    ['8点半', '08:30'],
    ['下午2点', '14:00'],
    ['下午2:30', '14:30'],
    ['上午9点', '09:00'],
    ['晚上8点', '20:00'],
    ['下午14点', '14:00'],
    ['2:30 pm', '14:30'],
    ['2pm', '14:00'],
    ['12 am', '00:00'],
    ['0:00', '00:00'],
    ['23:59', '23:59']
  ] as const)('%s → %s', (text, time) => {
    expect(parseTime(text)).toBe(time);
  });

  it.each(['', '24:00', '14:60', 'noon', '14:3x', '2026-12-05', '1:2:3'])(
    '%s is not a time',
    (text) => {
      expect(parseTime(text)).toBeNull();
    }
  );

  it('a date and time typed whole into the day box is split', () => {
    expect(parseDateTime('2026-12-04T19:30', 'zh-Hans')).toEqual({
      day: '2026-12-04',
      time: '19:30'
    });
    expect(parseDateTime('2026年12月4日 下午7点', 'zh-Hans')).toEqual({
      day: '2026-12-04',
      time: '19:00'
    });
    expect(parseDateTime('4/12/2026 19:30', 'en')).toEqual({ day: '2026-12-04', time: '19:30' });
    expect(parseDateTime('2026-12-04', 'en')).toBeNull();
    expect(parseDateTime('2026-12-04 soon', 'en')).toBeNull();
    expect(splitDateTime('2026-12-04T19:30')).toEqual({ day: '2026-12-04', time: '19:30' });
    expect(splitDateTime('2026-02-30T19:30')).toEqual({ day: '', time: '19:30' });
    expect(splitDateTime('')).toEqual({ day: '', time: '' });
  });
});

describe('what the desk types as a month becomes YYYY-MM', () => {
  const today = '2026-12-05';
  it.each([
    ['2026-12', 'zh-Hans', '2026-12'],
    ['2026/3', 'zh-Hans', '2026-03'],
    ['2026.03', 'en', '2026-03'],
    ['202603', 'zh-Hant', '2026-03'],
    ['2026年3月', 'zh-Hans', '2026-03'],
    ['２０２６年３月', 'zh-Hans', '2026-03'],
    ['3月', 'zh-Hans', '2026-03'],
    ['03/2026', 'en', '2026-03'],
    ['March 2026', 'en', '2026-03'],
    ['Mar 2026', 'en', '2026-03'],
    ['mar', 'en', '2026-03']
  ] as const)('%s (%s) → %s', (text, locale, month) => {
    expect(parseMonth(text, locale, today)).toBe(month);
  });

  it.each(['', '2026-13', '2026', 'next month', '2026-12-05', '2026年13月', '12'])(
    '%s is not a month',
    (text) => {
      expect(parseMonth(text, 'zh-Hans', today)).toBeNull();
    }
  );

  it('is shown in the app language and steps across years', () => {
    expect(formatMonthValue('2026-03', 'zh-Hans')).toBe('2026年3月');
    expect(formatMonthValue('2026-03', 'zh-Hant')).toBe('2026年3月');
    expect(formatMonthValue('2026-03', 'en')).toBe('March 2026');
    expect(formatMonthValue('2026-3', 'en')).toBe('');
    expect(addMonthsToMonth('2026-12', 1)).toBe('2027-01');
    expect(addMonthsToMonth('2026-01', -13)).toBe('2024-12');
  });
});
