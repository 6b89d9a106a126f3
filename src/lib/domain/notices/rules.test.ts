import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../records/settings';
import { checkNotice, publishDeadline, unknownCalendarYears } from './rules';
import { chineseCalendar, shiftWorkingDays, weekdayCalendar } from './working-days';
import { epochToZoned, wallTime, zonedToEpoch } from './zoned-time';

const settings = defaultSettings();
const zone = 'Asia/Shanghai';
const at = (local: string): number => {
  const ms = zonedToEpoch(local, zone);
  if (ms === undefined) throw new Error(local);
  return ms;
};
const rules = (breaches: { rule: string }[]) => breaches.map((b) => b.rule);

describe('zoned time', () => {
  it('reads and writes Shanghai wall-clock times', () => {
    expect(at('2026-11-23T10:00')).toBe(Date.UTC(2026, 10, 23, 2, 0));
    expect(epochToZoned(Date.UTC(2026, 10, 23, 2, 0), zone)).toBe('2026-11-23T10:00');
    expect(wallTime(at('2026-11-21T09:00'), zone).weekday).toBe(6);
    expect(zonedToEpoch('23/11/2026', zone)).toBeUndefined();
  });
});

describe('pest control 消杀 (001 §4.2 item 1)', () => {
  const saturday = at('2026-11-21T09:00');
  const monday = at('2026-11-23T10:00');

  it('is never on a Saturday or Sunday', () => {
    expect(
      rules(
        checkNotice(
          { kind: 'pestControl', startsAt: saturday },
          at('2026-11-18T10:00'),
          settings,
          weekdayCalendar
        )
      )
    ).toEqual(['pestControlWeekend']);
    expect(
      checkNotice(
        { kind: 'pestControl', startsAt: saturday },
        at('2026-11-18T10:00'),
        { ...settings, pestControlNoWeekend: false },
        weekdayCalendar
      )
    ).toEqual([]);
  });

  it('tells owners at least 12 clock hours ahead (001 writes 小时, not 工作日)', () => {
    // Sunday 20:00 → Monday 10:00 is 14 hours: enough, whatever day they fall on.
    expect(
      checkNotice(
        { kind: 'pestControl', startsAt: monday },
        at('2026-11-22T20:00'),
        settings,
        weekdayCalendar
      )
    ).toEqual([]);
    expect(
      epochToZoned(
        publishDeadline({ kind: 'pestControl', startsAt: monday }, settings, weekdayCalendar) ?? 0,
        zone
      )
    ).toBe('2026-11-22T22:00');
    // Tuesday 09:00 for Tuesday 20:00: 11 hours.
    expect(
      checkNotice(
        { kind: 'pestControl', startsAt: at('2026-11-24T20:00') },
        at('2026-11-24T09:00'),
        settings,
        weekdayCalendar
      )
    ).toEqual([{ rule: 'pestControlOwnerLead', params: { hours: 12, actual: 11 } }]);
  });

  it('after a holiday: 10-08 09:00, desk told 10-07 09:00, published 10-07 12:00 is fine (issue 20)', () => {
    const job = at('2026-10-08T09:00');
    expect(
      checkNotice(
        { kind: 'pestControl', startsAt: job, deptToldAt: at('2026-10-07T09:00') },
        at('2026-10-07T12:00'),
        settings,
        chineseCalendar
      )
    ).toEqual([]);
    // The latest moment is 12 hours before the job, not a week before (Golden Week).
    expect(
      epochToZoned(
        publishDeadline({ kind: 'pestControl', startsAt: job }, settings, chineseCalendar) ?? 0,
        zone
      )
    ).toBe('2026-10-07T21:00');
  });

  it('rest days are the office calendar: a 调休 Saturday is a workday, a holiday weekday is not', () => {
    const told = at('2026-09-01T09:00');
    // 2026-10-10 is a Saturday worked in exchange for the National Day holiday.
    expect(
      checkNotice(
        { kind: 'pestControl', startsAt: at('2026-10-10T09:00') },
        told,
        settings,
        chineseCalendar
      )
    ).toEqual([]);
    // 2026-10-05 is a Monday of the National Day holiday.
    expect(
      rules(
        checkNotice(
          { kind: 'pestControl', startsAt: at('2026-10-05T09:00') },
          told,
          settings,
          chineseCalendar
        )
      )
    ).toEqual(['pestControlWeekend']);
  });

  it('warns when a rule would read a year the calendar does not know yet', () => {
    const later = at('2029-03-01T09:00');
    expect(
      unknownCalendarYears(
        { kind: 'pestControl', startsAt: later },
        at('2029-02-27T09:00'),
        settings,
        chineseCalendar
      )
    ).toEqual([2029]);
    expect(
      unknownCalendarYears(
        { kind: 'pestControl', startsAt: monday },
        at('2026-11-20T09:00'),
        settings,
        chineseCalendar
      )
    ).toEqual([]);
    // A water cut counts clock hours only: no calendar, no warning.
    expect(
      unknownCalendarYears(
        { kind: 'waterCut', startsAt: later },
        at('2029-02-27T09:00'),
        settings,
        chineseCalendar
      )
    ).toEqual([]);
  });

  it('needs the environment department to tell the desk 24 h ahead', () => {
    const breaches = checkNotice(
      { kind: 'pestControl', startsAt: monday, deptToldAt: at('2026-11-22T20:00') },
      at('2026-11-20T09:00'),
      settings,
      weekdayCalendar
    );
    expect(breaches).toEqual([{ rule: 'pestControlDeptLead', params: { hours: 24, actual: 14 } }]);
  });
});

describe('water and power cuts (001 §4.2 item 2)', () => {
  const cut = at('2026-11-24T09:00');
  it('owners 24 h ahead, engineering told the desk 32 h ahead', () => {
    expect(
      checkNotice(
        { kind: 'waterCut', startsAt: cut, deptToldAt: at('2026-11-22T09:00') },
        at('2026-11-23T09:00'),
        settings,
        weekdayCalendar
      )
    ).toEqual([]);
    expect(
      rules(
        checkNotice(
          { kind: 'powerCut', startsAt: cut, deptToldAt: at('2026-11-23T08:00') },
          at('2026-11-23T10:00'),
          settings,
          weekdayCalendar
        )
      )
    ).toEqual(['utilityOwnerLead', 'utilityDeptLead']);
  });
});

describe('works, events, results', () => {
  it('works: 1 day ahead (item 6)', () => {
    expect(
      rules(
        checkNotice(
          { kind: 'works', startsAt: at('2026-11-24T09:00') },
          at('2026-11-23T12:00'),
          settings,
          weekdayCalendar
        )
      )
    ).toEqual(['worksLead']);
  });

  it('events: by the end of the 3rd working day before (item 3)', () => {
    const saturdayEvent = { kind: 'event' as const, startsAt: at('2026-11-28T15:00') };
    expect(
      wallTime(publishDeadline(saturdayEvent, settings, weekdayCalendar) ?? 0, zone).date
    ).toBe('2026-11-25');
    expect(checkNotice(saturdayEvent, at('2026-11-25T17:00'), settings, weekdayCalendar)).toEqual(
      []
    );
    expect(
      rules(checkNotice(saturdayEvent, at('2026-11-26T09:00'), settings, weekdayCalendar))
    ).toEqual(['eventLead']);
  });

  it('results: within 5 working days of the analysis, counting holidays (item 5)', () => {
    // Analysis finished on the eve of the National Day week: the deadline moves past it.
    const notice = { kind: 'surveyResults' as const, analysedAt: at('2025-09-30T16:00') };
    const deadline = publishDeadline(notice, settings, chineseCalendar) ?? 0;
    expect(wallTime(deadline, zone).date).toBe(shiftWorkingDays(chineseCalendar, '2025-09-30', 5));
    expect(wallTime(deadline, zone).date > '2025-10-08').toBe(true);
    expect(rules(checkNotice(notice, deadline + 1, settings, chineseCalendar))).toEqual([
      'resultsDeadline'
    ]);
    expect(checkNotice(notice, deadline, settings, chineseCalendar)).toEqual([]);
  });

  it('asks for the time a rule counts from', () => {
    expect(rules(checkNotice({ kind: 'waterCut' }, 0, settings, weekdayCalendar))).toEqual([
      'startRequired'
    ]);
    expect(rules(checkNotice({ kind: 'financialReport' }, 0, settings, weekdayCalendar))).toEqual([
      'analysedRequired'
    ]);
    expect(checkNotice({ kind: 'general' }, 0, settings, weekdayCalendar)).toEqual([]);
  });
});
