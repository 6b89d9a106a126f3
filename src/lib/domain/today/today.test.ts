import { describe, expect, it } from 'vitest';
import type { TicketIndexRow } from '../tickets/index-row';
import { initialSummary } from '../tickets/fold';
import { badgeCount, todayFor, type DueItem } from './items';
import { requestDueItems, returnVisitDue } from './tickets';

const zone = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(`${iso}+08:00`);
const settings = {
  repairArrivalMinutes: 10,
  urgentRepairSameDay: true,
  complaintDeadlineWorkingDays: 2,
  returnVisitWorkingDaysRepair: 3,
  returnVisitWorkingDaysComplaint: 2,
  timeZone: zone
};

function row(id: string, patch: Partial<TicketIndexRow>): TicketIndexRow {
  const { open: _open, ignored: _ignored, ...summary } = initialSummary();
  return {
    ...summary,
    open: 1,
    ticketId: id,
    kind: 'repair',
    communityId: 'c',
    number: `BX-${id}`,
    category: '水电',
    urgent: false,
    excerpt: '厨房漏水',
    callerName: '张',
    location: '1-101',
    recordedAt: at('2026-03-02T09:00'),
    ...patch
  } as TicketIndexRow;
}

const href = (id: string) => `/tickets/${id}`;

describe('return visits due (003 §3.4, §3.3; setting per kind)', () => {
  it('counts working days from the work done, skipping the weekend', () => {
    // Done Friday 2026-03-06: 3 working days → Wednesday 2026-03-11.
    const due = returnVisitDue(
      row('a', { status: 'done', doneAt: at('2026-03-06T16:00') }),
      settings
    );
    expect(due?.date).toBe('2026-03-11');
  });
  it('uses the complaint setting from the result, and nothing once visited or closed', () => {
    const c = row('c', { kind: 'complaint', status: 'resulted', resultAt: at('2026-03-02T10:00') });
    expect(returnVisitDue(c, settings)?.date).toBe('2026-03-04');
    expect(returnVisitDue({ ...c, status: 'signedOff' }, settings)).toBeUndefined();
    expect(returnVisitDue({ ...c, open: 0 }, settings)).toBeUndefined();
    expect(
      returnVisitDue(row('v', { status: 'visited', doneAt: at('2026-03-02T10:00') }), settings)
    ).toBeUndefined();
  });
  it('lists overdue, due today, and not yet what is due later', () => {
    const rows = [
      row('old', { status: 'done', doneAt: at('2025-01-10T10:00') }),
      row('today', { status: 'signed', doneAt: at('2026-03-06T10:00') }),
      row('later', { status: 'done', doneAt: at('2026-03-10T10:00') })
    ];
    const items = requestDueItems(rows, settings, at('2026-03-11T09:00'), href);
    expect(items.map((i) => [i.key, i.state])).toEqual([
      ['returnVisit:old', 'overdue'],
      ['returnVisit:today', 'today']
    ]);
    expect(items[0].href).toBe('/tickets/old');
  });
});

describe('requests past or near their deadline', () => {
  it('an arrival past due is overdue, one 8 of 10 minutes in is due soon', () => {
    const late = row('l', {
      status: 'dispatched',
      dispatchedAt: at('2026-03-02T09:00'),
      department: 'engineering',
      assigneeId: 'eng1'
    });
    const soon = row('s', { status: 'dispatched', dispatchedAt: at('2026-03-02T09:12') });
    const items = requestDueItems([late, soon], settings, at('2026-03-02T09:20'), href);
    expect(items.map((i) => [i.key, i.state])).toEqual([
      ['request:l', 'overdue'],
      ['request:s', 'dueSoon']
    ]);
  });
});

describe('whose Today', () => {
  const item = (
    key: string,
    state: DueItem['state'],
    audience: DueItem['audience'],
    dueAt?: number
  ) =>
    ({
      key,
      source: 'request',
      labelKey: 'x',
      title: key,
      href: '/',
      state,
      dueAt,
      audience
    }) as DueItem;
  const items = [
    item('eng-mine', 'dueSoon', { department: 'engineering', staffId: 'e1' }, 5),
    item('desk', 'overdue', { roles: ['frontDesk', 'manager'] }, 9),
    item('desk-early', 'overdue', { roles: ['frontDesk'] }, 1),
    item('sec', 'today', { department: 'security' }),
    item('named', 'today', { staffId: 'f1' })
  ];
  it('a clerk sees the desk lines and their own, overdue first by deadline', () => {
    expect(todayFor(items, { staffId: 'f1', role: 'frontDesk' }).map((i) => i.key)).toEqual([
      'desk-early',
      'desk',
      'named'
    ]);
  });
  it('an engineer sees the department lines; a guard the security ones', () => {
    expect(todayFor(items, { staffId: 'e9', role: 'engineer' }).map((i) => i.key)).toEqual([
      'eng-mine'
    ]);
    expect(todayFor(items, { staffId: 'g', role: 'security' }).map((i) => i.key)).toEqual(['sec']);
  });
  it('the badge counts overdue and due today, not due soon', () => {
    expect(badgeCount(items)).toBe(4);
  });
});
