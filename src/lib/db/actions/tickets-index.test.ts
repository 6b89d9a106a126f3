import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredRow } from '$lib/oplog/format';
import { Dexie } from 'dexie';
import { openDatabase, tableIndexes } from '../database';
import { indexRowsOf, testDatabase } from '../test-db';
import { indexTables } from '../ticket-index-store';
import { openTickets } from '../queries/tickets';
import { recordIntake } from './tickets';
import {
  ensureTicketIndex,
  rebuildTicketIndex,
  settleTicketIndex,
  ticketIndexBehind,
  updateTicketIndex
} from './tickets-index';

// The index kept batch-wise (folded on from each request's stored state when its new events
// come after the last one folded, folded again from all events otherwise) must equal the
// index folded from scratch, whatever the commits: new events in and out of order, edited
// and deleted events, events before their request, context changes, deleted requests.

const TICKETS = ['t1', 't2', 't3'];
const TYPES = [
  'dispatched',
  'accepted',
  'arrived',
  'done',
  'closed',
  'remark',
  'reopened',
  'recorded'
];

type Step =
  | { k: 'ticket'; t: number; kind: 'repair' | 'complaint'; inUnit: boolean; deleted: boolean }
  | { k: 'event'; t: number; e: number; type: number; at: number; deleted: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    k: fc.constant('ticket' as const),
    t: fc.nat(2),
    kind: fc.constantFrom('repair' as const, 'complaint' as const),
    inUnit: fc.boolean(),
    deleted: fc.nat(9).map((n) => n < 3)
  }),
  fc.record({
    k: fc.constant('event' as const),
    t: fc.nat(2),
    e: fc.nat(11),
    type: fc.nat(TYPES.length - 1),
    at: fc.nat(30),
    deleted: fc.nat(9).map((n) => n < 2)
  })
);

function rowOf(s: Step): { table: 'ticket' | 'ticketEvent'; row: StoredRow } {
  if (s.k === 'ticket')
    return {
      table: 'ticket',
      row: {
        id: TICKETS[s.t],
        kind: s.kind,
        communityId: 'c1',
        unitId: s.inUnit ? 'u1' : undefined,
        number: `R-${s.t}`,
        content: '漏水',
        deleted: s.deleted,
        _c: {}
      } as unknown as StoredRow
    };
  return {
    table: 'ticketEvent',
    row: {
      id: `e${s.t}-${s.e}`,
      ticketId: TICKETS[s.t],
      type: TYPES[s.type],
      // Days apart, so that a request's recorded time moves it between the index's weeks.
      at: 1000 + s.at * 86_400_000,
      staffId: 's1',
      data: s.type === 0 ? { department: 'engineering', assigneeId: 'x' } : {},
      deleted: s.deleted,
      _c: {}
    } as unknown as StoredRow
  };
}

describe('the request index kept batch-wise', () => {
  it('equals the index folded from scratch after any commits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        // Commits of a catch-up (rows kept in memory until settled) mixed with others.
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        async (commits, deferred) => {
          const db = testDatabase();
          for (const [c, commit] of commits.entries()) {
            await db.transaction(
              'rw',
              [db.ticket, db.ticketEvent, ...indexTables(db)],
              async () => {
                const last = new Map<string, { table: 'ticket' | 'ticketEvent'; row: StoredRow }>();
                for (const s of commit) {
                  const r = rowOf(s);
                  last.set(`${r.table}/${r.row.id}`, r);
                }
                const existed = new Set<string>();
                for (const [key, { table, row }] of last)
                  if (await db[table].get(row.id)) existed.add(key);
                const tickets = [...last.values()]
                  .filter((r) => r.table === 'ticket')
                  .map((r) => r.row);
                const events = [...last.values()]
                  .filter((r) => r.table === 'ticketEvent')
                  .map((r) => r.row);
                await db.ticket.bulkPut(tickets);
                await db.ticketEvent.bulkPut(events);
                await updateTicketIndex(db, {
                  tickets,
                  events,
                  existed: (table, id) => existed.has(`${table}/${id}`),
                  defer: deferred[c]
                });
              }
            );
          }
          await settleTicketIndex(db);
          const kept = await indexRowsOf(db);
          await rebuildTicketIndex(db);
          const fresh = await indexRowsOf(db);
          expect(kept).toEqual(fresh);
          // The open requests' own records hold exactly the open rows.
          const open = await db.ticketOpen.orderBy('ticketId').toArray();
          expect(open).toEqual(fresh.filter((r) => r.open === 1));
          db.close();
        }
      ),
      { numRuns: 100 }
    );
  }, 180_000);
});

describe('a database made before the index was stored by week', () => {
  it('loses the per-request table on upgrade and builds the weekly index at the next start', async () => {
    // Rows made by today's write path, copied into a database of version 10's shape (its
    // per-request index table, an index row and the old "built" flag).
    const made = testDatabase();
    const id = await recordIntake(
      { staffId: 'desk1', role: 'frontDesk' },
      {
        kind: 'repair',
        channel: 'phone',
        communityId: 'c1',
        unitId: 'u1',
        content: '厨房水龙头漏水'
      },
      { db: made, now: Date.parse('2026-11-23T09:00:00+08:00') }
    );
    const name = `${made.name}-v10`;
    const old = new Dexie(name);
    old.version(10).stores({
      ticket: tableIndexes.ticket,
      ticketEvent: tableIndexes.ticketEvent,
      ticketIndex: 'ticketId, open, recordedAt, [kind+recordedAt]',
      local: 'key'
    });
    await old.table('ticket').bulkPut(await made.ticket.toArray());
    await old.table('ticketEvent').bulkPut(await made.ticketEvent.toArray());
    await old.table('ticketIndex').put({ ticketId: id, open: 1, recordedAt: 1 });
    await old.table('local').put({ key: 'ticketIndex.built', value: true });
    old.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.tables.map((t) => t.name)).not.toContain('ticketIndex');
    expect(await ticketIndexBehind(db)).toBe(true); // the board says 整理中
    expect(await ensureTicketIndex(db)).toBe(true);
    expect(await ticketIndexBehind(db)).toBe(false);
    expect((await openTickets(db)).map((r) => [r.ticketId, r.status])).toEqual([[id, 'recorded']]);
    expect(await ensureTicketIndex(db)).toBe(false); // once
    db.close();
  });
});
