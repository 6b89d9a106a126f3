import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from '../indicators/formulas';
import { indicatorKeys } from '../indicators/formulas';
import type { TicketIndexRow } from '../tickets/index-row';
import { openWork, sideBySide, type OfficeFigures } from './side-by-side';

const HOUR = 3_600_000;
const settings = {
  repairArrivalMinutes: 10,
  urgentRepairSameDay: true,
  complaintDeadlineWorkingDays: 3,
  returnVisitWorkingDaysRepair: 3,
  returnVisitWorkingDaysComplaint: 3,
  timeZone: 'Asia/Shanghai'
};
const now = Date.UTC(2026, 5, 15, 4); // 12:00 in Shanghai, a Monday

function row(id: string, fields: Partial<TicketIndexRow>): TicketIndexRow {
  return {
    ticketId: id,
    number: `N-${id}`,
    kind: 'repair',
    category: '水电',
    urgent: false,
    open: 1,
    status: 'recorded',
    phase: 'intake',
    eventCount: 1,
    serious: false,
    malicious: false,
    returnVisits: 0,
    reopenCount: 0,
    materialsFailed: false,
    ignored: [],
    communityId: 'C1',
    excerpt: '漏水',
    callerName: '张三',
    location: '1-101',
    recordedAt: now - 48 * HOUR,
    ...fields
  } as TicketIndexRow;
}

function value(key: (typeof indicatorKeys)[number], v: number): IndicatorValue {
  return {
    key,
    source: '004',
    unit: 'pct',
    window: 'month',
    value: v,
    numerator: v,
    denominator: 100,
    excluded: 0,
    target: 90,
    rule: 'atLeast',
    met: v >= 90
  };
}

function office(id: string, name: string, fields: Partial<OfficeFigures> = {}): OfficeFigures {
  return {
    office: id,
    officeName: name,
    communities: [`${name}小区`],
    month: '2026-06',
    indicators: [value('repairTimeliness', 95), value('complaintHandling', 80)],
    openComplaints: 0,
    overdue: [],
    ...fields
  };
}

describe('open work of an office (company view)', () => {
  it('counts open complaints and lists overdue items without names, oldest deadline first', () => {
    const work = openWork(
      [
        // A complaint assigned with a deadline yesterday: open and overdue.
        row('c1', { kind: 'complaint', status: 'assigned', deadline: now - 24 * HOUR }),
        // A complaint with its deadline tomorrow: open, not overdue.
        row('c2', { kind: 'complaint', status: 'assigned', deadline: now + 24 * HOUR }),
        // A closed complaint: neither.
        row('c3', { kind: 'complaint', status: 'closed', open: 0 }),
        // A repair dispatched two hours ago, nobody arrived (10 minutes allowed): overdue.
        row('r1', { status: 'dispatched', dispatchedAt: now - 2 * HOUR }),
        // A repair dispatched five minutes ago: not yet.
        row('r2', { status: 'dispatched', dispatchedAt: now - 5 * 60_000 })
      ],
      settings,
      now
    );
    expect(work.openComplaints).toBe(2);
    expect(work.overdue.map((o) => [o.ticketId, o.due])).toEqual([
      ['c1', 'complaint'],
      ['r1', 'arrival']
    ]);
    for (const item of work.overdue) {
      expect(Object.keys(item).sort()).toEqual(
        ['category', 'due', 'dueAt', 'kind', 'number', 'ticketId'].sort()
      );
    }
  });

  it('a return visit past its working days is overdue', () => {
    const work = openWork(
      [row('r3', { status: 'done', doneAt: now - 10 * 24 * HOUR })],
      settings,
      now
    );
    expect(work.overdue.map((o) => o.due)).toEqual(['returnVisit']);
  });
});

describe('side-by-side table', () => {
  it('one column per office in collation order, every indicator row, then the counts', () => {
    const table = sideBySide([
      office('o2', '西山物业服务中心', { openComplaints: 4 }),
      office('o1', '东湖物业服务中心', {
        indicators: [value('repairTimeliness', 70)],
        openComplaints: 1,
        overdue: [
          { ticketId: 't', number: 'N', kind: 'repair', category: '', due: 'arrival', dueAt: 1 }
        ]
      })
    ]);
    expect(table.columns.map((c) => c.officeName)).toEqual([
      '东湖物业服务中心',
      '西山物业服务中心'
    ]);
    expect(table.rows.map((r) => r.key)).toEqual([...indicatorKeys, 'openComplaints', 'overdue']);
    const timeliness = table.rows.find((r) => r.key === 'repairTimeliness');
    expect(timeliness?.cells.map((c) => (c && typeof c === 'object' ? c.value : c))).toEqual([
      70, 95
    ]);
    // An office without the indicator has an empty cell, the other keeps its own value.
    const handling = table.rows.find((r) => r.key === 'complaintHandling');
    expect(handling?.cells.map((c) => (c && typeof c === 'object' ? c.value : c))).toEqual([
      null,
      80
    ]);
    expect(table.rows.at(-2)?.cells).toEqual([1, 4]);
    expect(table.rows.at(-1)?.cells).toEqual([1, 0]);
  });

  it('no office: no columns, the rows still there', () => {
    const table = sideBySide([]);
    expect(table.columns).toEqual([]);
    expect(table.rows.every((r) => r.cells.length === 0)).toBe(true);
  });
});
