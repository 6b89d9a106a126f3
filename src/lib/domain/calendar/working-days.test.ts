import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  dayKind,
  holidayName,
  isKnownYear,
  workingDaysBetween
} from './working-days';
import { zonedDate } from './zoned';

const SH = 'Asia/Shanghai';
/** A Shanghai wall-clock time as a moment (UTC+8, no summer time). */
const sh = (iso: string) => Date.parse(`${iso}+08:00`);

describe('the 2026 calendar of the State Council, as the package carries it', () => {
  it('knows the holidays and the 调休 working weekends', () => {
    expect(isKnownYear(2026)).toBe(true);
    expect(dayKind('2026-02-14')).toBe('adjustedWorkday'); // Saturday before 春节
    expect(dayKind('2026-02-16')).toBe('holiday');
    expect(holidayName('2026-02-16')).toBe('春节');
    expect(dayKind('2026-10-01')).toBe('holiday');
    expect(dayKind('2026-10-10')).toBe('adjustedWorkday'); // Saturday after 国庆节
    expect(dayKind('2026-09-20')).toBe('adjustedWorkday'); // Sunday before 国庆节
    expect(dayKind('2026-11-21')).toBe('weekend');
    expect(dayKind('2026-11-23')).toBe('workday');
  });
});

describe('complaint deadlines in working days (003 §3.3, 2 working days by default)', () => {
  it('filed on Friday 13 Feb 2026 before 春节: the 调休 Saturday counts, the holiday does not', () => {
    const due = addWorkingDays(sh('2026-02-13T10:00:00'), 2, SH);
    expect(due.date).toBe('2026-02-24');
    expect(due.assumed).toBe(false);
    expect(zonedDate(due.dueAt, SH)).toBe('2026-02-24');
    expect(due.dueAt).toBe(sh('2026-02-25T00:00:00') - 1);
  });

  it('filed on Friday 3 Apr 2026 before 清明 (4–6 Apr): due Wednesday 8 Apr', () => {
    expect(addWorkingDays(sh('2026-04-03T16:30:00'), 2, SH).date).toBe('2026-04-08');
  });

  it('filed on Friday 18 Sep 2026: the 调休 Sunday 20 Sep is the first working day', () => {
    expect(addWorkingDays(sh('2026-09-18T09:00:00'), 2, SH).date).toBe('2026-09-21');
  });

  it('filed on Thursday 24 Sep 2026 before 中秋 (25–27 Sep): due Tuesday 29 Sep', () => {
    expect(addWorkingDays(sh('2026-09-24T11:00:00'), 2, SH).date).toBe('2026-09-29');
  });

  it('filed on Wednesday 30 Sep 2026 before 国庆节: due Friday 9 Oct', () => {
    expect(addWorkingDays(sh('2026-09-30T15:00:00'), 2, SH).date).toBe('2026-10-09');
    // …and one more working day is the 调休 Saturday 10 Oct.
    expect(addWorkingDays(sh('2026-10-09T15:00:00'), 1, SH).date).toBe('2026-10-10');
  });

  it('counts the day of a late-evening call in Shanghai, not in UTC', () => {
    // 23:30 in Shanghai is still Friday 13 Feb; in UTC it is 15:30 the same day, but at
    // 00:30 Saturday in Shanghai it is Friday in UTC: the office's date must win.
    expect(addWorkingDays(sh('2026-02-14T00:30:00'), 1, SH).date).toBe('2026-02-24');
  });

  it('says when it had to assume Monday–Friday for a year the package does not know', () => {
    const due = addWorkingDays(sh('2026-12-31T10:00:00'), 2, SH);
    expect(due.assumed).toBe(true);
    // 1 Jan 2027 is a Friday: with no data it is taken as a working day.
    expect(due.date).toBe('2027-01-04');
    expect(addWorkingDays(sh('2026-12-28T10:00:00'), 2, SH).assumed).toBe(false);
  });

  it('counts working days between two moments', () => {
    expect(workingDaysBetween(sh('2026-09-30T10:00:00'), sh('2026-10-12T10:00:00'), SH)).toBe(4);
  });
});

describe('datetime-local values in the office’s zone', () => {
  it('round-trips a Shanghai wall-clock time', async () => {
    const { fromZonedLocal, toZonedLocal } = await import('./zoned');
    expect(fromZonedLocal('2026-11-23T14:30', SH)).toBe(sh('2026-11-23T14:30:00'));
    expect(toZonedLocal(sh('2026-11-23T14:30:00'), SH)).toBe('2026-11-23T14:30');
    expect(fromZonedLocal('', SH)).toBeUndefined();
  });
});
