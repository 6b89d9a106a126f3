import { describe, expect, it } from 'vitest';
import { everyAction, allows, type Action } from '$lib/domain/permissions';
import { roles, type Role } from '$lib/domain/roles';
import { tableNames } from '$lib/domain/tables';
import type { GuanjiaDexie } from './database';
import { testDatabase } from './test-db';
import { write, type Change } from './write';
import { WriteError } from './write-error';

/** Every table's row count and the op log's: what a refused change must leave alone. */
async function snapshot(db: GuanjiaDexie): Promise<Record<string, number>> {
  const out: Record<string, number> = { oplog: await db.oplog.count() };
  for (const t of tableNames) out[t] = await db[t].count();
  return out;
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
    }
  );

  it('a greening worker may report a result but not void a request; the desk may void', () => {
    expect(allows('greening', { kind: 'step', type: 'result' })).toBe(true);
    expect(allows('greening', { kind: 'step', type: 'cancelled' })).toBe(false);
    expect(allows('frontDesk', { kind: 'step', type: 'cancelled' })).toBe(true);
  });
});
