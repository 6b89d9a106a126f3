import { describe, expect, it } from 'vitest';
import { encodeHlc } from '$lib/oplog/hlc';
import { rowState, type OpChunk } from '$lib/oplog/format';
import { renameField, type Migrations } from '$lib/oplog/migrate';
import { applyRemoteChunks, chunksSince } from './apply-remote';
import { applyDeferred } from './commit';
import type { GuanjiaDexie } from './database';
import { upgradeStoredRows } from './record-upgrade';
import { syncState } from './sync-state';
import { indexRowOf, testDatabase } from './test-db';
import type { Role } from '$lib/domain/roles';
import { write, type Actor } from './write';

/**
 * Issue 12 §4 and §6 as tests that failed on the previous core: received ops judged by the
 * role their author had at the op's HLC (whatever order the role change arrives in), and
 * record versions with up-migrations that keep every device identical.
 */
const manager: Actor = { staffId: 'M1', role: 'manager' };
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const MIN = 60_000;

async function exchange(from: GuanjiaDexie, to: GuanjiaDexie, now = T0 + 60 * MIN) {
  const theirs = (await syncState(to)).vv;
  return applyRemoteChunks(await chunksSince(theirs, { db: from }), { db: to, now });
}

const staffE1 = (role: Role) => ({
  op: 'create' as const,
  table: 'staff' as const,
  value: {
    id: 'E1',
    name: '李工',
    role,
    pinHash: 'x'.repeat(32),
    pinSalt: 'y'.repeat(32),
    pinIterations: 100_000
  }
});

/** A tablet signed in as E1 creates a household member at `at`. */
function personBy(device: string, first: number, at: number, id: string): OpChunk {
  return {
    device,
    first,
    last: first,
    hlc: encodeHlc({ wall: at, counter: 0, device }),
    actor: 'E1',
    sv: 1,
    ops: [{ k: 'row', t: 'person', r: id, f: { name: id, phones: [] } }]
  };
}

const people = async (db: GuanjiaDexie) =>
  (await db.person.toArray()).map((r) => r.id as string).sort();
const refusedOf = async (db: GuanjiaDexie) =>
  ((await syncState(db)).refused ?? []).map((r) => `${r.device}/${r.seq}/${r.row}`).sort();

describe('received ops are judged by the author’s role at the op’s HLC', () => {
  it('an op made before a change of role is judged by the role held then', async () => {
    const a = testDatabase();
    const b = testDatabase();
    // E1 works the front desk (may add household members), then becomes an engineer (may not).
    await write(manager, [staffE1('frontDesk')], { db: a, now: T0 });
    await write(
      manager,
      [{ op: 'update', table: 'staff', id: 'E1', patch: { role: 'engineer' } }],
      {
        db: a,
        now: T0 + 10 * MIN
      }
    );
    await exchange(a, b);
    // Their tablet was offline: one member added at the desk before the change, one after.
    await applyRemoteChunks(
      [
        personBy('tablet', 1, T0 + 5 * MIN, 'p-before'),
        personBy('tablet', 2, T0 + 15 * MIN, 'p-after')
      ],
      { db: b, now: T0 + 60 * MIN }
    );
    expect(await people(b)).toEqual(['p-before']);
    expect(await refusedOf(b)).toEqual(['tablet/2/p-after']);
  });

  it('a role change that arrives after the ops made under it ends the same as one that came first', async () => {
    const a = testDatabase();
    const early = testDatabase(); // gets the change of role first
    const late = testDatabase(); // gets E1's edit first, the change of role after
    await write(manager, [staffE1('frontDesk')], { db: a, now: T0 });
    await exchange(a, early);
    await exchange(a, late);
    await write(
      manager,
      [{ op: 'update', table: 'staff', id: 'E1', patch: { role: 'engineer' } }],
      {
        db: a,
        now: T0 + 10 * MIN
      }
    );
    const edit = personBy('tablet', 1, T0 + 15 * MIN, 'p-after');
    const before = personBy('tablet', 2, T0 + 16 * MIN, 'p-x');
    before.hlc = encodeHlc({ wall: T0 + 5 * MIN, counter: 0, device: 'tablet' });

    await exchange(a, early);
    await applyRemoteChunks([edit, before], { db: early, now: T0 + 60 * MIN });

    await applyRemoteChunks([edit, before], { db: late, now: T0 + 60 * MIN });
    expect(await people(late)).toEqual(['p-after', 'p-x']); // not known yet to be refused
    await exchange(a, late);

    expect(await people(late)).toEqual(['p-x']);
    expect(await people(early)).toEqual(['p-x']);
    expect(await refusedOf(late)).toEqual(['tablet/1/p-after']);
    expect(await refusedOf(early)).toEqual(['tablet/1/p-after']);
    // Both keep E1's ops in the log.
    expect(await late.oplog.where('device').equals('tablet').count()).toBe(2);
  });
});

/**
 * A test-only record version: person v2 (app schema 2) stores the notes as `remark`. The
 * migration renames the field; the app's own records are all at version 1.
 */
const probe: Migrations = { person: [renameField(2, 'notes', 'remark')] };
const v2 = { schemaVersion: 2, migrations: probe };

describe('record versions and up-migrations', () => {
  it('old ops, stored rows and newer ops end identical on every device', async () => {
    const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
    const id = '0190a000-0000-7000-8000-0000000000b1';
    const a = testDatabase(); // stays on version 1 for a while
    const b = testDatabase(); // updates to version 2
    await write(
      desk,
      [{ op: 'create', table: 'person', value: { id, name: '张三', phones: [], notes: '旧备注' } }],
      { db: a, now: T0 }
    );
    await exchange(a, b);

    // B updates: its stored row is migrated, the field keeps its clock.
    const clock = rowState((await b.person.get(id))!).clocks.notes;
    expect(await upgradeStoredRows(b, v2)).toBe(1);
    const migrated = (await b.person.get(id))!;
    expect(migrated.remark).toBe('旧备注');
    expect('notes' in migrated).toBe(false);
    expect(rowState(migrated).clocks.remark).toBe(clock);
    expect((await syncState(b)).rowsAt).toBe(2);
    expect(await upgradeStoredRows(b, v2)).toBe(0); // once

    // A, still on version 1, edits the notes: B folds the op migrated.
    await write(desk, [{ op: 'update', table: 'person', id, patch: { notes: '新备注' } }], {
      db: a,
      now: T0 + MIN
    });
    await applyRemoteChunks(await chunksSince((await syncState(b)).vv, { db: a }), {
      db: b,
      now: T0 + 2 * MIN,
      ...v2
    });
    expect((await b.person.get(id))?.remark).toBe('新备注');

    // A tablet already on version 2 writes the remark: A keeps it for later and says so.
    const newer: OpChunk = {
      device: 'newer',
      first: 1,
      last: 1,
      hlc: encodeHlc({ wall: T0 + 3 * MIN, counter: 0, device: 'newer' }),
      actor: 'F1',
      sv: 2,
      ops: [{ k: 'row', t: 'person', r: id, f: { remark: '第三版' } }]
    };
    await applyRemoteChunks([newer], { db: a, now: T0 + 4 * MIN });
    await applyRemoteChunks([newer], { db: b, now: T0 + 4 * MIN, ...v2 });
    expect((await syncState(a)).newerSchemaSeen).toBe(2);
    expect((await a.person.get(id))?.remark).toBeUndefined();

    // A updates: rows migrated, the waiting op applied, the notice gone.
    await upgradeStoredRows(a, v2);
    expect(await applyDeferred(a, v2)).toBe(1);
    expect((await syncState(a)).newerSchemaSeen).toBeUndefined();

    // A device that joins on version 2 folds the whole log (old ops migrated).
    const c = testDatabase();
    await upgradeStoredRows(c, v2);
    await applyRemoteChunks(await chunksSince({}, { db: a }), { db: c, now: T0 + 5 * MIN, ...v2 });

    const state = async (db: GuanjiaDexie) => rowState((await db.person.get(id))!);
    expect((await state(a)).fields.remark).toBe('第三版');
    expect(await state(b)).toEqual(await state(a));
    expect(await state(c)).toEqual(await state(a));
  });
});

describe('merged rows that break a rule, beyond incidents', () => {
  it('a register entry handled before its date (two devices’ edits) is listed with its conflict', async () => {
    const { listRegisterEntries } = await import('./queries/registers');
    const a = testDatabase();
    const b = testDatabase();
    const [id] = await write(
      manager,
      [
        {
          op: 'create',
          table: 'registerEntry',
          value: { communityId: 'c1', kind: 'violation', date: '2026-11-23', summary: '违章搭建' }
        }
      ],
      { db: a, now: T0 }
    );
    await exchange(a, b);
    await write(
      manager,
      [{ op: 'update', table: 'registerEntry', id, patch: { handledOn: '2026-11-24' } }],
      {
        db: a,
        now: T0 + MIN
      }
    );
    await write(
      manager,
      [{ op: 'update', table: 'registerEntry', id, patch: { date: '2026-11-26' } }],
      {
        db: b,
        now: T0 + 2 * MIN
      }
    );
    await exchange(a, b);
    await exchange(b, a);
    for (const db of [a, b]) {
      const [entry] = await listRegisterEntries('2026-11-01', '2026-11-30', db);
      expect(entry.conflicts).toMatchObject([
        { path: ['handledOn'], message: 'validation.endBeforeStart' }
      ]);
    }
  });
});

/** A tablet signed in as E1 takes a request at `at` (front desk may, an engineer may not). */
function ticketBy(device: string, first: number, at: number, id: string): OpChunk {
  return {
    device,
    first,
    last: first,
    hlc: encodeHlc({ wall: at, counter: 0, device }),
    actor: 'E1',
    sv: 1,
    ops: [
      {
        k: 'row',
        t: 'ticket',
        r: id,
        f: {
          kind: 'repair',
          channel: 'phone',
          communityId: 'c1',
          number: 'R-1',
          content: '漏水',
          deleted: false
        }
      }
    ]
  };
}

describe('judging again keeps derived data and compacted history', () => {
  it('a request only refused ops had made leaves the board too', async () => {
    const a = testDatabase();
    const late = testDatabase();
    await write(manager, [staffE1('frontDesk')], { db: a, now: T0 });
    await exchange(a, late);
    await write(
      manager,
      [{ op: 'update', table: 'staff', id: 'E1', patch: { role: 'engineer' } }],
      { db: a, now: T0 + 10 * MIN }
    );
    await applyRemoteChunks([ticketBy('tablet', 1, T0 + 15 * MIN, 'tk1')], {
      db: late,
      now: T0 + 60 * MIN
    });
    expect(await indexRowOf(late, 'tk1')).toBeDefined(); // not known yet to be refused
    await exchange(a, late);
    expect(await late.ticket.get('tk1')).toBeUndefined();
    expect(await indexRowOf(late, 'tk1')).toBeUndefined();
    expect(await refusedOf(late)).toEqual(['tablet/1/tk1']);
  });

  it('after compaction a late role change keeps older history and listed refusals', async () => {
    const a = testDatabase();
    const b = testDatabase();
    await write(manager, [staffE1('frontDesk')], { db: a, now: T0 });
    await write(
      manager,
      [{ op: 'create', table: 'person', value: { id: 'p-old', name: '王五', phones: [] } }],
      { db: a, now: T0 + MIN }
    );
    await exchange(a, b);
    // At the front desk E1 may not add staff: refused and listed, then compacted away on B
    // with the household member's history.
    const staffOp: OpChunk = {
      ...personBy('tabletX', 1, T0 + 14 * MIN, 'S9'),
      ops: [{ k: 'row', t: 'staff', r: 'S9', f: { name: '外人', role: 'manager' } }]
    };
    await applyRemoteChunks([staffOp], { db: b, now: T0 + 60 * MIN });
    expect(await refusedOf(b)).toEqual(['tabletX/1/S9']);
    const { compactLog } = await import('./compact');
    await compactLog(b, (await syncState(b)).vv);
    expect(await b.oplog.count()).toBe(0);
    // E1 edits the member at T0+13 (taken: front desk as far as B knows); then the change
    // to engineer at T0+12 arrives: B judges E1 again from T0+12 over a log that lacks the
    // member's creation and the refused op.
    const edit: OpChunk = {
      ...personBy('tabletY', 1, T0 + 13 * MIN, 'p-old'),
      ops: [{ k: 'row', t: 'person', r: 'p-old', f: { notes: '改过' } }]
    };
    await applyRemoteChunks([edit], { db: b, now: T0 + 60 * MIN });
    expect((await b.person.get('p-old'))?.notes).toBe('改过');
    await write(
      manager,
      [{ op: 'update', table: 'staff', id: 'E1', patch: { role: 'engineer' } }],
      { db: a, now: T0 + 12 * MIN }
    );
    await exchange(a, b);
    const old = await b.person.get('p-old');
    expect(old?.name).toBe('王五'); // not rebuilt from the tail alone
    expect(old?.notes).toBeUndefined(); // the edit is refused now
    expect(await refusedOf(b)).toEqual(['tabletX/1/S9', 'tabletY/1/p-old']);
  });
});
