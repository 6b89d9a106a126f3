import { describe, expect, it } from 'vitest';
import { getBlob, sha256Hex } from '$lib/db/blobs';
import { escalatedShifts, getHandover, listShifts } from '$lib/db/queries/handover';
import { testDatabase } from '$lib/db/test-db';
import type { Actor } from '$lib/db/write';
import { handoverState } from '$lib/domain/handover/flow';
import type { HandoverEvent } from '$lib/domain/records/handover';
import { docFromSnapshot } from '$lib/collab/snapshot';
import { logOf, logText, pendingOf } from '$lib/collab/shift-doc';
import { dayOf, isoDate } from './calendar';
import { demoRegistry } from './generate';
import { loadDemoShifts } from './load-shifts';
import { demoShifts, SHIFT_DAYS, type DemoShiftInput } from './shifts';

const asOf = Date.UTC(2026, 10, 23, 4, 0);
const manager: Actor = { staffId: 'loader', role: 'manager' };
const registry = demoRegistry({ size: 'small', asOf });
const today = dayOf(asOf);
const days = Array.from({ length: SHIFT_DAYS }, (_, i) => today - SHIFT_DAYS + i);
const tickets = [
  { id: 'ticket-1', number: 'BX-20261120-A001', content: '厨房漏水', day: today - 3 }
];
const input: DemoShiftInput = {
  seed: 1688,
  size: 'small',
  days,
  frontDesk: registry.byRole.frontDesk,
  supervisor: registry.byRole.supervisor,
  manager: registry.byRole.manager,
  tickets,
  equipment: ['钥匙', '对讲机']
};

describe('the demo month of handovers', () => {
  it('is the same for the same seed, three closed shifts a day, reviewed but the last day', () => {
    const shifts = demoShifts(input);
    expect(demoShifts(input)).toEqual(shifts);
    expect(shifts).toHaveLength(SHIFT_DAYS * 3);
    const lastDate = isoDate(today - 1);
    for (const { shift, steps } of shifts) {
      const state = handoverState(steps as HandoverEvent[]);
      expect(state.status).toBe('closed');
      expect(state.outgoing?.staffId).not.toBe(state.incoming?.staffId);
      expect(state.reviewed === undefined).toBe(shift.date === lastDate);
      const doc = docFromSnapshot(steps.find((s) => s.type === 'accept')!.signs!);
      expect(logText(logOf(doc)).length).toBeGreaterThan(10);
    }
    // About once a month a refusal, handled by the supervisor, then signed again.
    const refused = shifts.filter((s) => s.steps.some((e) => e.type === 'refuse'));
    expect(refused).toHaveLength(1);
    expect(handoverState(refused[0].steps as HandoverEvent[]).refusals[0].resolved).toBeDefined();
    // Some pending items follow up a request of those days.
    const linked = shifts.flatMap((s) =>
      [...pendingOf(docFromSnapshot(s.steps[0].signs!)).values()].filter((p) => p.ticketId)
    );
    expect(linked.length).toBeGreaterThan(0);
  });

  it('loads through the write path with the signed snapshots, and a second load adds nothing', async () => {
    const db = testDatabase();
    const first = await loadDemoShifts(manager, registry, tickets, db);
    expect(first.shift).toBe(SHIFT_DAYS * 3);
    const listed = await listShifts(isoDate(today - SHIFT_DAYS), isoDate(today), db);
    expect(listed).toHaveLength(SHIFT_DAYS * 3);
    expect(listed.filter((s) => s.reviewedAt === undefined)).toHaveLength(3);
    expect(await escalatedShifts(isoDate(today - SHIFT_DAYS), db)).toEqual([]);
    const handover = await getHandover(listed[0].id, db);
    expect(handover?.state.status).toBe('closed');
    const signature = handover!.state.incoming!.event.signature!;
    const blob = await getBlob(signature.snapshot, db);
    expect(blob && (await sha256Hex(blob.bytes))).toBe(signature.snapshot);
    const oplog = await db.oplog.count();
    expect(await loadDemoShifts(manager, registry, tickets, db)).toEqual({
      shift: 0,
      handoverEvent: 0,
      kept: first.shift + first.handoverEvent
    });
    expect(await db.oplog.count()).toBe(oplog);
  });
});
