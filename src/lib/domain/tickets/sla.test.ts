import { describe, expect, it } from 'vitest';
import { foldEvents, type TimelineEvent } from './fold';
import { complaintDeadline, currentDue, urgencyOf, type SlaSettings } from './sla';

const settings: SlaSettings = {
  repairArrivalMinutes: 10,
  urgentRepairSameDay: true,
  complaintDeadlineWorkingDays: 2,
  timeZone: 'Asia/Shanghai'
};
const at = (iso: string) => Date.parse(`${iso}+08:00`);
let n = 0;
const ev = (type: string, iso: string, data: Record<string, unknown> = {}): TimelineEvent => ({
  id: `e${++n}`,
  type,
  at: at(iso),
  staffId: 's',
  data
});

describe('a complaint filed on the Friday before a public holiday (003 §3.3, 2 working days)', () => {
  it('Friday 13 Feb 2026, before 春节 with the 调休 Saturday: due at the end of Tuesday 24 Feb', () => {
    const due = complaintDeadline(at('2026-02-13T15:20'), settings);
    expect(due).toEqual({ date: '2026-02-24', dueAt: at('2026-02-25T00:00') - 1, assumed: false });
  });

  it('Friday 3 Apr 2026, before 清明: late only after Wednesday 8 Apr', () => {
    const deadline = complaintDeadline(at('2026-04-03T10:00'), settings).dueAt;
    const ctx = { kind: 'complaint' as const, inUnit: true, outsideServiceList: false };
    const s = foldEvents(ctx, [
      ev('recorded', '2026-04-03T09:30'),
      ev('verified', '2026-04-03T09:50'),
      ev('assigned', '2026-04-03T10:00', { department: 'security', deadline })
    ]);
    const due = currentDue({ kind: 'complaint', urgent: false }, s, settings);
    expect(due?.kind).toBe('complaint');
    expect(urgencyOf(due, at('2026-04-07T10:00'))).toBe('onTrack');
    expect(urgencyOf(due, at('2026-04-08T23:59'))).toBe('dueSoon');
    expect(urgencyOf(due, at('2026-04-09T00:00'))).toBe('overdue');
  });
});

describe('repair deadlines (004)', () => {
  const ctx = { kind: 'repair' as const, inUnit: true, outsideServiceList: false };
  it('the engineer arrives within 10 minutes of the order', () => {
    const s = foldEvents(ctx, [
      ev('recorded', '2026-11-23T09:00'),
      ev('dispatched', '2026-11-23T09:01', { department: 'engineering' })
    ]);
    const due = currentDue({ kind: 'repair', urgent: false }, s, settings);
    expect(due).toMatchObject({ kind: 'arrival', dueAt: at('2026-11-23T09:11') });
    expect(urgencyOf(due, at('2026-11-23T09:09'))).toBe('dueSoon');
    expect(urgencyOf(due, at('2026-11-23T09:12'))).toBe('overdue');
  });

  it('an urgent repair on site is due before midnight (急修不过夜)', () => {
    const s = foldEvents(ctx, [
      ev('recorded', '2026-11-23T20:00'),
      ev('dispatched', '2026-11-23T20:01', { department: 'engineering' }),
      ev('accepted', '2026-11-23T20:02'),
      ev('arrived', '2026-11-23T20:09')
    ]);
    expect(currentDue({ kind: 'repair', urgent: true }, s, settings)).toMatchObject({
      kind: 'sameDay',
      dueAt: at('2026-11-24T00:00') - 1
    });
  });
});
