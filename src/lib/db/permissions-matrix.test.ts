import { describe, expect, it } from 'vitest';
import { everyAction, allows, type Action } from '$lib/domain/permissions';
import { roles, type Role } from '$lib/domain/roles';
import { tableNames } from '$lib/domain/tables';
import type { GuanjiaDexie } from './database';
import { testDatabase } from './test-db';
import { write, type Change } from './write';
import { WriteError } from './write-error';
import { encodeHlc } from '$lib/oplog/hlc';
import type { OpChunk } from '$lib/oplog/format';
import { applyRemoteChunks } from './apply-remote';
import { syncState } from './sync-state';

/** Every table's row count and the op log's: what a refused change must leave alone. */
async function snapshot(db: GuanjiaDexie, withLog = true): Promise<Record<string, number>> {
  const out: Record<string, number> = withLog ? { oplog: await db.oplog.count() } : {};
  for (const t of tableNames) out[t] = await db[t].count();
  return out;
}

/** The row op another device would send for the action (its author: `actor`). */
function remoteOp(action: Action, n: number): { t: string; r: string; f: Record<string, unknown> } {
  const row = `remote-${n}`;
  if (action.kind === 'step' || action.kind === 'unknownStep')
    return {
      t: 'ticketEvent',
      r: row,
      f: {
        ticketId: 'T1',
        type: action.kind === 'step' ? action.type : 'fromANewerApp',
        at: 1_000,
        staffId: 'S1',
        data: {},
        createdAt: 1_000,
        updatedAt: 1_000,
        deleted: false
      }
    };
  // Updates and deletes touch a row that exists here (the seed row of the table).
  if (action.op === 'create')
    return { t: action.table, r: row, f: { createdAt: 1_000, updatedAt: 1_000, deleted: false } };
  return {
    t: action.table,
    r: `seed-${action.table}`,
    f: action.op === 'delete' ? { deleted: true, updatedAt: 2_000 } : { updatedAt: 2_000 }
  };
}

/** A change performing the action. Writes use a value the schema may refuse: only the role decides `forbidden`. */
function changeFor(action: Action): Change {
  if (action.kind === 'step')
    return {
      op: 'create',
      table: 'ticketEvent',
      value: { ticketId: 'T1', type: action.type, at: 1_000, staffId: 'S1', data: {} }
    };
  if (action.kind === 'unknownStep')
    return {
      op: 'create',
      table: 'ticketEvent',
      value: { ticketId: 'T1', type: 'fromANewerApp', at: 1_000, staffId: 'S1', data: {} }
    };
  if (action.op === 'create') return { op: 'create', table: action.table, value: {} } as Change;
  return { op: action.op, table: action.table, id: 'missing', patch: {} } as Change;
}

async function outcome(role: Role, change: Change, db: GuanjiaDexie): Promise<string> {
  try {
    await write({ staffId: `S-${role}`, role }, [change], { db, now: 2_000 });
    return 'written';
  } catch (error) {
    if (error instanceof WriteError) return error.kind;
    throw error;
  }
}

describe('the role matrix: every role × every action through the write path', () => {
  const actions: Action[] = [...everyAction(), { kind: 'unknownStep' }];

  it.each(roles.map((r) => [r]))(
    '%s: refused exactly where the table says, store unchanged',
    async (role) => {
      const db = testDatabase();
      for (const action of actions) {
        const before = await snapshot(db);
        const result = await outcome(role, changeFor(action), db);
        const label = `${role} ${JSON.stringify(action)}`;
        if (allows(role, action)) {
          expect(result, label).not.toBe('forbidden');
        } else {
          expect(result, label).toBe('forbidden');
          expect(await snapshot(db), label).toEqual(before);
        }
      }
    },
    180_000
  );

  it('a greening worker may report a result but not void a request; the desk may void', () => {
    expect(allows('greening', { kind: 'step', type: 'result' })).toBe(true);
    expect(allows('greening', { kind: 'step', type: 'cancelled' })).toBe(false);
    expect(allows('frontDesk', { kind: 'step', type: 'cancelled' })).toBe(true);
  });

  it.each(roles.map((r) => [r]))(
    '%s on another device: every refused change arrives and leaves the store unchanged',
    async (role) => {
      const db = testDatabase();
      // The author's staff row, so this device knows their role.
      await write(
        { staffId: 'M0', role: 'manager' },
        [
          {
            op: 'create',
            table: 'staff',
            value: {
              id: 'AUTHOR',
              name: '远端',
              role,
              pinHash: 'x'.repeat(32),
              pinSalt: 'y'.repeat(32),
              pinIterations: 100_000
            }
          }
        ],
        { db, now: 1_000 }
      );
      // A row in every table for the remote updates and deletes to meet.
      for (const table of tableNames)
        if (table !== 'staff')
          await db[table].put({
            id: `seed-${table}`,
            createdAt: 1,
            updatedAt: 1,
            deleted: false
          } as never);
      let seq = 0;
      for (const action of actions) {
        seq++;
        const before = await snapshot(db, false);
        const chunk: OpChunk = {
          device: 'other-tablet',
          first: seq,
          last: seq,
          hlc: encodeHlc({ wall: 10_000 + seq, counter: 0, device: 'other-tablet' }),
          actor: 'AUTHOR',
          sv: 1,
          ops: [{ k: 'row', ...remoteOp(action, seq) }]
        };
        await applyRemoteChunks([chunk], { db, now: 10_000 + seq });
        // The device keeps the latest refusals (capped): look for this one by its sequence number.
        const refused = ((await syncState(db)).refused ?? []).some(
          (x) => x.device === 'other-tablet' && x.seq === seq
        );
        const label = `${role} remote ${JSON.stringify(action)}`;
        expect(refused, label).toBe(!allows(role, action));
        if (refused) {
          const after = await snapshot(db, false);
          expect(after, label).toEqual(before);
          const op = remoteOp(action, seq);
          const stored = await db[op.t as (typeof tableNames)[number]].get(op.r);
          if (action.kind !== 'write' || action.op === 'create')
            expect(stored, label).toBeUndefined();
          else expect(stored?.deleted ?? false, label).toBe(false);
        }
      }
    },
    180_000
  );
});
