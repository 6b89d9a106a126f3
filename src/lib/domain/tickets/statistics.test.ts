import { describe, expect, it } from 'vitest';
import { generateDemoOffice } from '$lib/demo';
import { foldEvents, type TimelineEvent } from './fold';
import {
  monthlyStatistics,
  repairAnalysisDue,
  reportMonth,
  shiftMonth,
  type StatsTicket
} from './statistics';

const settings = { repairArrivalMinutes: 10, urgentRepairSameDay: true, timeZone: 'Asia/Shanghai' };
const at = (iso: string) => Date.parse(`${iso}+08:00`);
let n = 0;
const ev = (type: string, iso: string, data: Record<string, unknown> = {}): TimelineEvent => ({
  id: `e${String(++n).padStart(4, '0')}`,
  type,
  at: at(iso),
  staffId: 's',
  data
});

function ticket(
  id: string,
  kind: StatsTicket['kind'],
  category: string,
  events: TimelineEvent[],
  { urgent = false, inUnit = false } = {}
): StatsTicket {
  return {
    id,
    kind,
    category,
    urgent,
    summary: foldEvents({ kind, inUnit, outsideServiceList: false }, events)
  };
}

const dispatch = (iso: string, appointment?: string) =>
  ev('dispatched', iso, {
    department: 'engineering',
    ...(appointment ? { appointmentAt: at(appointment) } : {})
  });
const visit = (iso: string, satisfied = true) =>
  ev('returnVisit', iso, { method: 'phone', satisfied });

/** October 2026, worked out by hand (see the expectations). */
const october: StatsTicket[] = [
  // On time: arrived 7 minutes after the order.
  ticket('R1', 'repair', '水电', [
    ev('recorded', '2026-10-05T09:00'),
    dispatch('2026-10-05T09:01'),
    ev('accepted', '2026-10-05T09:02'),
    ev('arrived', '2026-10-05T09:08'),
    ev('done', '2026-10-05T09:40', { record: 'x' }),
    visit('2026-10-05T15:00'),
    ev('closed', '2026-10-05T15:10')
  ]),
  // Urgent, done after midnight: late (急修不过夜).
  ticket(
    'R2',
    'repair',
    '水电',
    [
      ev('recorded', '2026-10-06T20:00'),
      dispatch('2026-10-06T20:02'),
      ev('accepted', '2026-10-06T20:03'),
      ev('arrived', '2026-10-06T20:10'),
      ev('done', '2026-10-07T01:00', { record: 'x' }),
      visit('2026-10-07T10:00')
    ],
    { urgent: true }
  ),
  // By appointment, on time; the owner was not satisfied: not a pass.
  ticket('R3', 'repair', '门窗', [
    ev('recorded', '2026-10-10T10:00'),
    dispatch('2026-10-10T10:05', '2026-10-11T14:00'),
    ev('accepted', '2026-10-10T10:06'),
    ev('arrived', '2026-10-11T13:55'),
    ev('done', '2026-10-11T14:30', { record: 'x' }),
    visit('2026-10-12T10:00', false),
    ev('reopened', '2026-10-12T10:05', { reason: 'x' })
  ]),
  // Arrived 29 minutes after the order, not done yet.
  ticket('R4', 'repair', '空调', [
    ev('recorded', '2026-10-31T23:00'),
    dispatch('2026-10-31T23:01'),
    ev('accepted', '2026-10-31T23:02'),
    ev('arrived', '2026-10-31T23:30')
  ]),
  // Recorded in September (Shanghai time) and a cancelled duplicate: not counted.
  ticket('R5', 'repair', '水电', [ev('recorded', '2026-09-30T23:59')]),
  ticket('R6', 'repair', '水电', [
    ev('recorded', '2026-10-08T10:00'),
    ev('cancelled', '2026-10-08T10:01', { reason: '重复' })
  ]),
  ticket('C1', 'complaint', '噪音', [
    ev('recorded', '2026-10-03T10:00'),
    ev('verified', '2026-10-03T11:00'),
    ev('assigned', '2026-10-03T11:10', {
      department: 'security',
      deadline: at('2026-10-09T23:59')
    }),
    ev('result', '2026-10-08T10:00', { text: 'x' })
  ]),
  ticket('C2', 'complaint', '卫生', [
    ev('recorded', '2026-10-04T10:00'),
    ev('verified', '2026-10-04T11:00'),
    ev('markedMalicious', '2026-10-04T12:00', { reason: 'x' })
  ]),
  ticket('C3', 'complaint', '噪音', [
    ev('recorded', '2026-10-20T10:00'),
    ev('verified', '2026-10-20T11:00'),
    ev('assigned', '2026-10-20T11:10', { department: 'security', deadline: at('2026-10-22T23:59') })
  ]),
  // January: in the 12 months to October, not in October.
  ticket('C4', 'complaint', '停车', [ev('recorded', '2026-01-15T10:00')]),
  ticket('P1', 'paidService', '疏通', [
    ev('recorded', '2026-10-12T10:00'),
    ev('feeNoticeSigned', '2026-10-12T11:00', { price: 120 }),
    ev('serviceDone', '2026-10-13T10:00', { record: 'x' }),
    ev('paid', '2026-10-13T10:30', { amount: 120, method: 'wechat' }),
    ev('rated', '2026-10-13T10:31', { stars: 4 })
  ]),
  ticket('I1', 'inquiry', '缴费', [
    ev('recorded', '2026-10-15T10:00'),
    ev('answered', '2026-10-15T10:05', { text: 'x' }),
    ev('rated', '2026-10-15T10:06', { stars: 5 })
  ])
];

describe('monthly statistics with the formulas of 004', () => {
  it('match a month worked out by hand', () => {
    const s = monthlyStatistics({ month: '2026-10', settings, residents: 2000, tickets: october });
    expect(s.byKind).toEqual({
      repair: 4,
      complaint: 3,
      inquiry: 1,
      suggestion: 0,
      paidService: 1,
      praise: 0
    });
    expect(s.repairs).toMatchObject({
      total: 4,
      urgent: 1,
      done: 3,
      timely: 2,
      passed: 2,
      visited: 3
    });
    expect(s.repairs.byCategory).toEqual([
      { category: '水电', count: 2 },
      { category: '空调', count: 1 },
      { category: '门窗', count: 1 }
    ]);
    expect(s.repairs.timelinessPct).toBe(50);
    expect(s.repairs.qualityPct).toBeCloseTo(66.667, 2);
    expect(s.repairs.returnVisitPct).toBe(100);
    expect(s.repairs.lateIds.sort()).toEqual(['R2', 'R4']);
    expect(s.repairs.unsatisfiedIds).toEqual(['R3']);
    expect(s.complaints).toMatchObject({ total: 2, malicious: 1, handled: 1, handlingPct: 50 });
    expect(s.complaints.perMille).toBe(1);
    expect(s.complaints.perMille12).toBe(1.5);
    expect(s.paidServices).toEqual({ total: 1, revenue: 120 });
    expect(s.ratings).toEqual({ count: 2, average: 4.5 });
  });

  it('the repair analysis of a month is due before the 5th of the next (004)', () => {
    expect(repairAnalysisDue('2026-12', 5)).toBe('2027-01-05');
    expect(shiftMonth('2026-01', -11)).toBe('2025-02');
  });
});

describe('a month of the demo office, counted by hand from the raw events', () => {
  it('gives the same figures as the statistics', { timeout: 60_000 }, () => {
    const demo = generateDemoOffice({ size: 'small', asOf: at('2026-11-23T12:00') });
    const events = new Map<string, TimelineEvent[]>();
    for (const e of demo.ticketEvent) {
      const list = events.get(e.ticketId) ?? [];
      list.push(e as TimelineEvent);
      events.set(e.ticketId, list);
    }
    const tickets = demo.ticket.map((t) =>
      ticket(t.id, t.kind, t.category ?? '', events.get(t.id) ?? [], {
        urgent: t.urgent ?? false,
        inUnit: t.unitId !== undefined
      })
    );
    const s = monthlyStatistics({ month: '2026-10', settings, residents: 1000, tickets });

    // By hand: walk each request's raw events, no fold.
    const [start, end] = [at('2026-10-01T00:00'), at('2026-11-01T00:00')];
    let repairs = 0,
      done = 0,
      visited = 0,
      timely = 0,
      complaints = 0,
      handled = 0;
    const byCategory = new Map<string, number>();
    for (const t of demo.ticket) {
      const list = (events.get(t.id) ?? []).slice().sort((a, b) => a.at - b.at);
      const recorded = list[0]?.at ?? 0;
      if (recorded < start || recorded >= end) continue;
      const has = (type: string) => list.some((e) => e.type === type);
      if (t.kind === 'repair') {
        repairs++;
        byCategory.set(t.category ?? '', (byCategory.get(t.category ?? '') ?? 0) + 1);
        if (has('done')) done++;
        if (has('done') && has('returnVisit')) visited++;
        const arrived = list.find((e) => e.type === 'arrived');
        const order =
          arrived && list.filter((e) => e.type === 'dispatched' && e.at < arrived.at).at(-1);
        if (arrived && order) {
          const due = (order.data.appointmentAt as number | undefined) ?? order.at + 10 * 60_000;
          const doneAt = list.find((e) => e.type === 'done')?.at;
          const midnight =
            at(`${new Date(recorded + 8 * 3600_000).toISOString().slice(0, 10)}T00:00`) +
            86_400_000;
          if (arrived.at <= due && (!t.urgent || (doneAt !== undefined && doneAt < midnight)))
            timely++;
        }
      } else if (t.kind === 'complaint' && !has('markedMalicious')) {
        complaints++;
        if (has('result') || has('closed')) handled++;
      }
    }
    expect(repairs).toBeGreaterThan(50);
    expect(s.repairs.total).toBe(repairs);
    expect(s.repairs.done).toBe(done);
    expect(s.repairs.visited).toBe(visited);
    expect(s.repairs.timely).toBe(timely);
    expect(new Map(s.repairs.byCategory.map((c) => [c.category, c.count]))).toEqual(byCategory);
    expect(s.complaints.total).toBe(complaints);
    expect(s.complaints.handled).toBe(handled);
    expect(s.complaints.perMille).toBeCloseTo(complaints, 6);
  });
});

describe('reportMonth', () => {
  it("opens on last month until its analysis is due, on the office's own due day", () => {
    expect(reportMonth('2026-12-05', 5)).toBe('2026-11');
    expect(reportMonth('2026-12-06', 5)).toBe('2026-12');
    expect(reportMonth('2026-01-03', 5)).toBe('2025-12');
    expect(reportMonth('2026-12-08', 10)).toBe('2026-11');
    expect(reportMonth('2026-12-08', 1)).toBe('2026-12');
  });
});
