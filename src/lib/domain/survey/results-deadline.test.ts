import { describe, expect, it } from 'vitest';
import { chineseCalendar, weekdayCalendar } from '../notices/working-days';
import { zonedToEpoch } from '../notices/zoned-time';
import { resultsStatus } from './results-deadline';

const zone = 'Asia/Shanghai';
const settings = { resultsPublishWorkingDays: 5, timeZone: zone };
const at = (local: string) => zonedToEpoch(local, zone) ?? 0;

// 001 §4.2 item 5: results published within 5 working days of the analysis, by the Chinese
// calendar with 调休 (2026: 中秋 Fri 09-25 and National Day 10-01…10-07 off; Sun 09-20 and
// Sat 10-10 worked).
describe('survey results: the 5-working-day rule', () => {
  it('has no deadline before the analysis is finished', () => {
    expect(
      resultsStatus(undefined, undefined, at('2026-12-01T09:00'), settings, chineseCalendar)
    ).toEqual({ state: 'notAnalysed' });
  });

  it('a survey analysed just before National Day: the holiday week does not count', () => {
    const analysed = at('2026-09-24T17:00'); // Thursday
    const s = resultsStatus(analysed, undefined, analysed, settings, chineseCalendar);
    // 09-28, 09-29, 09-30, 10-08, 10-09 (中秋 and the holiday week off) — not 10-01 as a
    // Monday–Friday week would say.
    expect(s.deadlineDate).toBe('2026-10-09');
    expect(s.state).toBe('due');
    expect(
      resultsStatus(analysed, undefined, analysed, settings, weekdayCalendar).deadlineDate
    ).toBe('2026-10-01');
    expect(
      resultsStatus(analysed, at('2026-10-09T23:00'), 0, settings, chineseCalendar).state
    ).toBe('onTime');
    expect(
      resultsStatus(analysed, at('2026-10-10T08:00'), 0, settings, chineseCalendar).state
    ).toBe('publishedLate');
  });

  it('the 调休 Saturday after National Day is a working day: late where a plain week is not', () => {
    const analysed = at('2026-10-07T10:00'); // last day of the holiday
    // 10-08, 10-09, Sat 10-10 (调休), 10-12, 10-13.
    const s = resultsStatus(analysed, undefined, at('2026-10-14T09:00'), settings, chineseCalendar);
    expect(s.deadlineDate).toBe('2026-10-13');
    expect(s.state).toBe('late');
    const plain = resultsStatus(
      analysed,
      undefined,
      at('2026-10-14T09:00'),
      settings,
      weekdayCalendar
    );
    expect(plain.deadlineDate).toBe('2026-10-14');
    expect(plain.state).toBe('due');
  });

  it('the 调休 Sunday before National Day counts too', () => {
    const analysed = at('2026-09-18T16:00'); // Friday; Sun 09-20 is worked
    const s = resultsStatus(analysed, undefined, analysed, settings, chineseCalendar);
    expect(s.deadlineDate).toBe('2026-09-24');
  });

  it('the last millisecond of the last day is on time, the next is late', () => {
    const analysed = at('2026-11-30T18:00'); // Monday, no holidays near
    const s = resultsStatus(analysed, undefined, analysed, settings, chineseCalendar);
    expect(s.deadlineDate).toBe('2026-12-07');
    const deadline = s.deadline ?? 0;
    expect(resultsStatus(analysed, undefined, deadline, settings, chineseCalendar).state).toBe(
      'due'
    );
    expect(resultsStatus(analysed, undefined, deadline + 1, settings, chineseCalendar).state).toBe(
      'late'
    );
  });

  it('follows the office setting for the number of working days', () => {
    const analysed = at('2026-11-30T18:00');
    const s = resultsStatus(
      analysed,
      undefined,
      analysed,
      { ...settings, resultsPublishWorkingDays: 2 },
      chineseCalendar
    );
    expect(s.deadlineDate).toBe('2026-12-02');
  });
});
