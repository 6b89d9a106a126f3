import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDemoOffice } from '$lib/demo';
import { checkEvent, foldEvents, isDeferred, type TimelineEvent } from './fold';
import { stepsFrom, type WorkflowContext } from './workflows';

const inUnitRepair: WorkflowContext = { kind: 'repair', inUnit: true, outsideServiceList: false };
const commonRepair: WorkflowContext = { ...inUnitRepair, inUnit: false };

let n = 0;
const ev = (type: string, at: number, data: Record<string, unknown> = {}): TimelineEvent => ({
  id: `e${String(++n).padStart(4, '0')}`,
  type,
  at,
  staffId: 's1',
  data
});

const repairPath = () => [
  ev('recorded', 1),
  ev('dispatched', 2, { department: 'engineering', assigneeId: 'eng1' }),
  ev('accepted', 3),
  ev('arrived', 4),
  ev('done', 5, { record: '更换阀芯', materialsCheck: 'none' }),
  ev('ownerSigned', 6),
  ev('returnVisit', 7, { method: 'phone', satisfied: true }),
  ev('closed', 8)
];

describe('the repair workflow (003 §3.4)', () => {
  it('goes from recorded to closed through every step', () => {
    const s = foldEvents(inUnitRepair, repairPath());
    expect(s.status).toBe('closed');
    expect(s.open).toBe(false);
    expect(s.ignored).toEqual([]);
    expect(s).toMatchObject({ recordedAt: 1, firstArrivedAt: 4, firstDoneAt: 5, returnVisits: 1 });
  });

  it('refuses to close without a return visit, and to finish before accepting', () => {
    const upToDone = repairPath().slice(0, 5);
    const done = foldEvents(inUnitRepair, upToDone);
    expect(checkEvent(inUnitRepair, done, 'closed', {})).toEqual({
      refused: 'closeNeedsReturnVisit'
    });
    const dispatched = foldEvents(inUnitRepair, upToDone.slice(0, 2));
    expect(checkEvent(inUnitRepair, dispatched, 'done', { record: 'x' })).toEqual({
      refused: 'doneNeedsArrival'
    });
  });

  it('needs the owner’s signature before the return visit in a unit, not in the common areas', () => {
    const done = repairPath().slice(0, 5);
    const visit = { method: 'phone', satisfied: true };
    expect(checkEvent(inUnitRepair, foldEvents(inUnitRepair, done), 'returnVisit', visit)).toEqual({
      refused: 'returnVisitNeedsSignature'
    });
    expect(checkEvent(commonRepair, foldEvents(commonRepair, done), 'returnVisit', visit)).toEqual({
      to: 'visited'
    });
  });

  it('reopens on a return visit that is not satisfied', () => {
    const events = [
      ...repairPath().slice(0, 6),
      ev('returnVisit', 7, { method: 'phone', satisfied: false }),
      ev('reopened', 8, { reason: '仍然漏水' })
    ];
    const s = foldEvents(inUnitRepair, events);
    expect(s.status).toBe('reopened');
    expect(s.reopenCount).toBe(1);
    expect(stepsFrom(inUnitRepair, s.status)).toContain('dispatched');
  });

  it('sends an item outside the service list to the engineering supervisor first', () => {
    const ctx = { ...inUnitRepair, outsideServiceList: true };
    const s = foldEvents(ctx, [ev('recorded', 1)]);
    expect(s.status).toBe('review');
    expect(checkEvent(ctx, s, 'dispatched', { department: 'engineering' })).toEqual({
      refused: 'dispatchNeedsReview'
    });
    const approved = foldEvents(ctx, [ev('recorded', 1), ev('reviewed', 2, { approved: true })]);
    expect(approved.status).toBe('recorded');
    const declined = foldEvents(ctx, [ev('recorded', 1), ev('reviewed', 2, { approved: false })]);
    expect(declined.status).toBe('declined');
  });
});

describe('events from two tablets that were offline', () => {
  const base = repairPath().slice(0, 4); // arrived
  const done = ev('done', 100, { record: '已修好' });
  const reassigned = ev('reassigned', 101, { assigneeId: 'eng2' });

  it('keeps both in the timeline, flags the one that came second, and agrees on the status', () => {
    const a = foldEvents(inUnitRepair, [...base, done, reassigned]);
    const b = foldEvents(inUnitRepair, [...base, reassigned, done]);
    expect(a).toEqual(b);
    expect(a.status).toBe('done');
    expect(a.eventCount).toBe(6);
    expect(a.ignored).toEqual([{ id: reassigned.id, reason: 'notAllowed', at: 'done' }]);
  });

  it('gives the same summary in any arrival order (property)', () => {
    const events = [...repairPath(), ev('returnVisit', 7, { method: 'door', satisfied: false })];
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (shuffled) => {
        expect(foldEvents(inUnitRepair, shuffled)).toEqual(foldEvents(inUnitRepair, events));
      })
    );
  });
});

describe('complaints, paid services, deferral', () => {
  const complaint: WorkflowContext = { kind: 'complaint', inUnit: true, outsideServiceList: false };

  it('a malicious complaint is marked and closed, never deleted', () => {
    const s = foldEvents(complaint, [
      ev('recorded', 1),
      ev('verified', 2),
      ev('markedMalicious', 3, { reason: '与事实不符' }),
      ev('closed', 4)
    ]);
    expect(s).toMatchObject({ status: 'closed', malicious: true, ignored: [] });
  });

  it('a complaint needs the return visit and the department head’s signature to close', () => {
    const events = [
      ev('recorded', 1),
      ev('verified', 2),
      ev('assigned', 3, { department: 'security', deadline: 1000, serious: false }),
      ev('result', 4, { text: '已劝导' })
    ];
    expect(checkEvent(complaint, foldEvents(complaint, events), 'closed', {})).toEqual({
      refused: 'closeNeedsReturnVisit'
    });
    const visited = [...events, ev('returnVisit', 5, { method: 'phone', satisfied: true })];
    expect(checkEvent(complaint, foldEvents(complaint, visited), 'closed', {})).toEqual({
      refused: 'closeNeedsHeadSignature'
    });
    const s = foldEvents(complaint, [...visited, ev('headSigned', 6), ev('closed', 7)]);
    expect(s).toMatchObject({ status: 'closed', deadline: 1000, resultAt: 4 });
  });

  it('a paid service the customer refuses to pay is handed over', () => {
    const ctx: WorkflowContext = { kind: 'paidService', inUnit: true, outsideServiceList: false };
    const s = foldEvents(ctx, [
      ev('recorded', 1),
      ev('feeNoticeSigned', 2, { price: 120 }),
      ev('serviceDone', 3, { record: '清洗空调' }),
      ev('rework', 4, { reason: '不满意' }),
      ev('serviceDone', 5, { record: '重新清洗' }),
      ev('handedOver', 6, { to: '财务' })
    ]);
    expect(s).toMatchObject({ status: 'handedOver', price: 120, ignored: [] });
  });

  it('a deferred request comes back by itself on its date, and with the next real step', () => {
    const s = foldEvents(inUnitRepair, [
      ev('recorded', 1),
      ev('deferred', 2, { until: 500, reason: '业主出差' }),
      ev('note', 3, { text: '业主下周回来', internal: true })
    ]);
    expect(s.status).toBe('recorded');
    expect(isDeferred(s, 499)).toBe(true);
    expect(isDeferred(s, 500)).toBe(false);
    const resumed = foldEvents(inUnitRepair, [
      ev('recorded', 1),
      ev('deferred', 2, { until: 500, reason: '业主出差' }),
      ev('dispatched', 3, { department: 'engineering' })
    ]);
    expect(resumed.deferredUntil).toBeUndefined();
  });
});

describe('the demo office’s two years of requests', () => {
  it(
    'every timeline follows the workflows: nothing ignored, closed ones closed',
    { timeout: 60_000 },
    () => {
      const demo = generateDemoOffice({
        size: 'small',
        asOf: Date.parse('2026-11-23T12:00:00+08:00')
      });
      const byTicket = new Map<string, TimelineEvent[]>();
      for (const e of demo.ticketEvent) {
        const list = byTicket.get(e.ticketId) ?? [];
        list.push(e as TimelineEvent);
        byTicket.set(e.ticketId, list);
      }
      let closed = 0;
      for (const t of demo.ticket) {
        const ctx: WorkflowContext = {
          kind: t.kind,
          inUnit: t.unitId !== undefined,
          outsideServiceList: false
        };
        const events = byTicket.get(t.id) ?? [];
        const s = foldEvents(ctx, events);
        expect(s.ignored, t.number).toEqual([]);
        if (events.at(-1)?.type === 'closed') {
          expect(s.status).toBe('closed');
          closed++;
        }
      }
      expect(closed).toBeGreaterThan(demo.ticket.length * 0.9);
    }
  );
});
