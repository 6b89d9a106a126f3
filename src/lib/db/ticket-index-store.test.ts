import { describe, expect, it } from 'vitest';
import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import { testDatabase } from './test-db';
import {
  indexRowsBetween,
  indexRowsById,
  latestIndexRows,
  openIndexRows,
  storeIndexRows
} from './ticket-index-store';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2);

/** Request i, recorded i days after T0 (or not recorded); repairs, every third a complaint. */
function row(i: number, recorded = true): TicketIndexRow {
  return {
    ticketId: `t${String(i).padStart(3, '0')}`,
    open: i % 2 === 0 ? 1 : 0,
    kind: i % 3 === 0 ? 'complaint' : 'repair',
    communityId: 'c1',
    number: `BX-${i}`,
    category: '',
    urgent: false,
    excerpt: '',
    callerName: '',
    location: '',
    status: 'recorded',
    phase: 'intake',
    recordedAt: recorded ? T0 + i * DAY : undefined
  } as TicketIndexRow;
}

const ids = (rows: readonly (TicketIndexRow | undefined)[]) => rows.map((r) => r?.ticketId);

describe('the request index stored by week', () => {
  it('answers by id, by recorded time, newest first and open, as one record per request would', async () => {
    const db = testDatabase();
    const rows = Array.from({ length: 60 }, (_, i) => row(i));
    await storeIndexRows(db, [...rows, row(99, false)]);
    // 60 days (ten weeks) and the unrecorded one: a record per week, not per request.
    expect(await db.ticketBucket.count()).toBe(11);

    expect(ids(await indexRowsById(db, ['t005', 'nope', 't099']))).toEqual([
      't005',
      undefined,
      't099'
    ]);
    // [from, to) by default, [from, to] when asked; in recorded order; one kind.
    const from = T0 + 3 * DAY;
    const to = T0 + 17 * DAY;
    const between = await indexRowsBetween(db, from, to);
    expect(ids(between)).toEqual(ids(rows.slice(3, 17)));
    expect((await indexRowsBetween(db, from, to, { toIncluded: true })).length).toBe(15);
    expect(ids(await indexRowsBetween(db, from, to, { kind: 'complaint' }))).toEqual([
      't003',
      't006',
      't009',
      't012',
      't015'
    ]);
    // Newest first across more weeks than one read takes; the unrecorded one is not listed.
    const latest = await latestIndexRows(db, 45);
    expect(ids(latest)).toEqual(ids(rows.slice(15).reverse()));
    expect(ids(await latestIndexRows(db, 3, (r) => r.number.endsWith('7')))).toEqual([
      't057',
      't047',
      't037'
    ]);
    expect((await openIndexRows(db)).length).toBe(30);
  });

  it('moves a request to its new week, drops removed ones and keeps the open list exact', async () => {
    const db = testDatabase();
    await storeIndexRows(db, [row(0), row(1), row(2)]);
    const moved = { ...row(0), recordedAt: T0 + 30 * DAY, open: 0 as const };
    await storeIndexRows(db, [moved], ['t002']);
    expect(ids(await indexRowsById(db, ['t000', 't001', 't002']))).toEqual([
      't000',
      't001',
      undefined
    ]);
    expect(ids(await indexRowsBetween(db, T0, T0 + 7 * DAY))).toEqual(['t001']);
    expect(ids(await indexRowsBetween(db, T0 + 28 * DAY, T0 + 35 * DAY))).toEqual(['t000']);
    expect(await openIndexRows(db)).toEqual([]);
    // The emptied week's record is gone, not left empty.
    expect(await db.ticketBucket.count()).toBe(2);
  });
});
