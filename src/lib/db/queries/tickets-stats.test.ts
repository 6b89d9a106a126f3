import { describe, expect, it } from 'vitest';
import { generateDemoOffice } from '$lib/demo';
import { encodeHlc } from '$lib/oplog/hlc';
import type { StoredRow } from '$lib/oplog/format';
import { foldEvents, type TimelineEvent } from '$lib/domain/tickets/fold';
import { monthlyStatistics } from '$lib/domain/tickets/statistics';
import { rebuildTicketIndex, contextOf } from '../actions/tickets-index';
import { testDatabase } from '../test-db';
import { write } from '../write';
import { monthlyStats, residentsIn } from './tickets-stats';

describe('monthly statistics from the derived index', () => {
  it(
    'equal the statistics of every request folded from its events',
    { timeout: 120_000 },
    async () => {
      const asOf = Date.parse('2026-11-23T12:00:00+08:00');
      const demo = generateDemoOffice({ size: 'small', asOf });
      const db = testDatabase();
      const hlc = encodeHlc({ wall: asOf, counter: 0, device: 'test' });
      const stored = (rows: object[]) =>
        rows.map(
          (r) =>
            ({
              createdAt: asOf,
              updatedAt: asOf,
              deleted: false,
              ...r,
              _c: hlc
            }) as unknown as StoredRow
        );
      await db.occupancy.bulkPut(stored(demo.occupancy));
      await db.ticket.bulkPut(stored(demo.ticket));
      await db.ticketEvent.bulkPut(stored(demo.ticketEvent));
      await rebuildTicketIndex(db);

      const events = new Map<string, TimelineEvent[]>();
      for (const e of demo.ticketEvent)
        events.set(e.ticketId, [...(events.get(e.ticketId) ?? []), e as TimelineEvent]);
      const settings = {
        repairArrivalMinutes: 10,
        urgentRepairSameDay: true,
        timeZone: 'Asia/Shanghai'
      };
      for (const month of ['2026-10', '2025-12']) {
        const expected = monthlyStatistics({
          month,
          settings,
          residents: await residentsIn(month, db),
          tickets: demo.ticket.map((t) => ({
            id: t.id,
            kind: t.kind,
            category: t.category ?? '',
            urgent: t.urgent ?? false,
            summary: foldEvents(
              contextOf({ kind: t.kind, unitId: t.unitId, outsideServiceList: false }),
              events.get(t.id) ?? []
            )
          }))
        });
        const actual = await monthlyStats(month, db);
        expect(actual.repairs.total).toBeGreaterThan(0);
        expect({
          ...actual,
          repairs: { ...actual.repairs, lateIds: [...actual.repairs.lateIds].sort() }
        }).toEqual({
          ...expected,
          repairs: { ...expected.repairs, lateIds: [...expected.repairs.lateIds].sort() }
        });
      }
      expect(await residentsIn('2026-10', db)).toBeGreaterThan(500);
    }
  );

  it('counts residents again once a role changes', async () => {
    const db = testDatabase();
    const manager = { staffId: 'm', role: 'manager' as const };
    const role = (personId: string, from: string, to?: string) => ({
      op: 'create' as const,
      table: 'occupancy' as const,
      value: { unitId: 'u1', personId, role: 'owner' as const, from, to }
    });
    await write(manager, [role('p1', '2020-01-01'), role('p2', '2020-01-01', '2026-09-30')], {
      db
    });
    expect(await residentsIn('2026-10', db)).toBe(1);
    await write(manager, [role('p3', '2026-10-15')], { db });
    expect(await residentsIn('2026-10', db)).toBe(2);
  });
});
