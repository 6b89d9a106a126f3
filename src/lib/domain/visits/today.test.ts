import { describe, expect, it } from 'vitest';
import { monthRange } from '../calendar/zoned';
import { visitsToday, type VisitsTodayInput } from './today';

const zone = 'Asia/Shanghai';
const sh = (iso: string) => Date.parse(`${iso}+08:00`);
const base: VisitsTodayInput = {
  staffId: 'me',
  now: sh('2026-12-10T09:00:00'),
  timeZone: zone,
  monthStart: monthRange('2026-12', zone)[0],
  plans: [{ quota: 20 }, { quota: 12 }, { quota: 5, deleted: true }],
  records: [],
  appointments: []
};
const appointment = (id: string, unitId: string, at: string, visitorId = 'me') => ({
  id,
  unitId,
  visitorId,
  at: sh(at),
  cancelled: false
});

describe('the visits line of Today', () => {
  it('adds the plans’ quotas and counts this month’s visits, return visits not', () => {
    const line = visitsToday({
      ...base,
      records: [
        { unitId: 'u1', visitedAt: sh('2026-12-02T10:00:00'), returnVisit: false },
        { unitId: 'u2', visitedAt: sh('2026-12-03T10:00:00'), returnVisit: true },
        // The last evening of November in Shanghai: not December's.
        { unitId: 'u3', visitedAt: sh('2026-11-30T23:30:00'), returnVisit: false }
      ]
    });
    expect(line).toEqual({ quota: 32, done: 1, today: 0, overdue: 0 });
  });

  it('counts my appointments due today and those past with no visit, not others’ or kept ones', () => {
    const line = visitsToday({
      ...base,
      appointments: [
        appointment('a1', 'u1', '2026-12-10T15:00:00'),
        appointment('a2', 'u2', '2026-12-10T08:00:00'),
        appointment('a3', 'u3', '2026-12-08T10:00:00'),
        appointment('a4', 'u4', '2026-12-07T10:00:00'),
        appointment('a5', 'u5', '2026-12-09T10:00:00'),
        appointment('a6', 'u6', '2026-12-09T10:00:00', 'someone else'),
        appointment('a7', 'u7', '2026-12-11T10:00:00'),
        { ...appointment('a8', 'u8', '2026-12-06T10:00:00'), cancelled: true }
      ],
      records: [
        // a2 kept today, a4 kept (the record names it), a3 visited the day before: not kept.
        { unitId: 'u2', visitedAt: sh('2026-12-10T08:20:00'), returnVisit: false },
        {
          unitId: 'u9',
          visitedAt: sh('2026-12-07T10:00:00'),
          returnVisit: false,
          appointmentId: 'a4'
        },
        { unitId: 'u3', visitedAt: sh('2026-12-07T10:00:00'), returnVisit: false }
      ]
    });
    expect(line.today).toBe(1); // a1
    expect(line.overdue).toBe(2); // a3, a5
  });
});
