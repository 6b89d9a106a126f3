import { describe, expect, it } from 'vitest';
import { foldChunks, withoutClocks } from '$lib/oplog/format';
import { tableNames } from '$lib/domain/tables';
import { decodeHlc } from '$lib/oplog/hlc';
import type { GuanjiaDexie } from './database';
import { testDatabase } from './test-db';
import { write, type Actor } from './write';
import { WriteError } from './write-error';

const manager: Actor = { staffId: 'M1', role: 'manager' };
const frontDesk: Actor = { staffId: 'F1', role: 'frontDesk' };
const engineer: Actor = { staffId: 'E1', role: 'engineer' };

const person = (name: string) => ({ kind: 'person' as const, name, phones: ['13812345678'] });

async function counts(db: GuanjiaDexie) {
  return {
    person: await db.person.count(),
    staff: await db.staff.count(),
    oplog: await db.oplog.count()
  };
}

describe('the write path', () => {
  it('stores the row and appends its ops in one go', async () => {
    const db = testDatabase();
    const [id] = await write(
      frontDesk,
      [{ op: 'create', table: 'person', value: person('张三') }],
      { db, now: 1_000 }
    );
    const row = await db.person.get(id);
    expect(row).toMatchObject({
      name: '张三',
      phones: ['13812345678'],
      deleted: false,
      createdAt: 1_000
    });
    const chunks = await db.oplog.toArray();
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ first: 1, last: 1, actor: 'F1' });
  });

  it('refuses an invalid record at its field and writes nothing', async () => {
    const db = testDatabase();
    await write(frontDesk, [{ op: 'create', table: 'person', value: person('李四') }], { db });
    const before = await counts(db);
    const attempt = write(
      manager,
      [
        { op: 'create', table: 'person', value: person('王五') },
        {
          op: 'create',
          table: 'staff',
          value: {
            name: '',
            role: 'frontDesk',
            pinHash: 'x'.repeat(32),
            pinSalt: 'y'.repeat(16),
            pinIterations: 100_000
          }
        }
      ],
      { db }
    );
    await expect(attempt).rejects.toBeInstanceOf(WriteError);
    const error = (await attempt.catch((e: unknown) => e)) as WriteError;
    expect(error.kind).toBe('invalid');
    expect(error.issues).toEqual([
      expect.objectContaining({ change: 1, path: ['name'], message: 'validation.required' })
    ]);
    expect(await counts(db)).toEqual(before);
  });

  it('refuses a role without permission even when called directly', async () => {
    const db = testDatabase();
    const before = await counts(db);
    const attempt = write(engineer, [{ op: 'create', table: 'person', value: person('赵六') }], {
      db
    });
    await expect(attempt).rejects.toMatchObject({ kind: 'forbidden' });
    const staffAttempt = write(
      frontDesk,
      [
        {
          op: 'create',
          table: 'staff',
          value: {
            name: '钱七',
            role: 'manager',
            pinHash: 'x'.repeat(32),
            pinSalt: 'y'.repeat(16),
            pinIterations: 100_000
          }
        }
      ],
      { db }
    );
    await expect(staffAttempt).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await counts(db)).toEqual(before);
  });

  it('validates an update against the whole record and rolls back every change of the write', async () => {
    const db = testDatabase();
    const [a, b] = await write(
      frontDesk,
      [
        { op: 'create', table: 'person', value: person('甲') },
        { op: 'create', table: 'person', value: person('乙') }
      ],
      { db }
    );
    const before = await counts(db);
    const attempt = write(
      frontDesk,
      [
        { op: 'update', table: 'person', id: a, patch: { name: '甲二' } },
        { op: 'update', table: 'person', id: b, patch: { phones: ['1381234567'] } } // 10 digits
      ],
      { db }
    );
    await expect(attempt).rejects.toMatchObject({ kind: 'invalid' });
    expect((await db.person.get(a))?.name).toBe('甲');
    expect(await counts(db)).toEqual(before);
  });

  it('turns two writes of different fields of one record into two ops with increasing HLCs', async () => {
    const db = testDatabase();
    const [id] = await write(
      frontDesk,
      [{ op: 'create', table: 'person', value: person('孙八') }],
      { db, now: 10_000 }
    );
    await write(frontDesk, [{ op: 'update', table: 'person', id, patch: { name: '孙八一' } }], {
      db,
      now: 10_000
    });
    await write(
      frontDesk,
      [{ op: 'update', table: 'person', id, patch: { notes: '喜欢早上来电' } }],
      { db, now: 9_000 }
    );
    const chunks = await db.oplog.orderBy('[device+first]').toArray();
    expect(chunks.map((c) => [c.first, c.last])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3]
    ]);
    const [, nameOp, notesOp] = chunks;
    expect(nameOp.ops[0]).toMatchObject({ t: 'person', r: id, f: { name: '孙八一' } });
    expect(notesOp.ops[0]).toMatchObject({ t: 'person', r: id, f: { notes: '喜欢早上来电' } });
    // The clock went back (9 000 < 10 000) and still the HLC increased.
    expect(notesOp.hlc > nameOp.hlc && nameOp.hlc > chunks[0].hlc).toBe(true);
    expect(decodeHlc(notesOp.hlc).wall).toBe(10_000);
  });

  it('keeps the tables equal to the fold of the op log', async () => {
    const db = testDatabase();
    const ids = await write(
      frontDesk,
      [
        { op: 'create', table: 'person', value: person('周九') },
        { op: 'create', table: 'person', value: person('吴十') }
      ],
      { db }
    );
    await write(
      frontDesk,
      [{ op: 'update', table: 'person', id: ids[0], patch: { tags: ['VIP'] } }],
      { db }
    );
    await write(manager, [{ op: 'delete', table: 'person', id: ids[1] }], { db });
    await write(
      frontDesk,
      [
        { op: 'update', table: 'person', id: ids[0], patch: { name: '周九九' } },
        { op: 'update', table: 'person', id: ids[0], patch: { notes: '同一次写两次' } }
      ],
      { db }
    );
    const folded = foldChunks(await db.oplog.toArray());
    for (const table of tableNames) {
      const stored = await db[table].toArray();
      const fromLog = [...(folded.get(table)?.values() ?? [])];
      expect(stored.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
        fromLog.sort((x, y) => x.id.localeCompare(y.id))
      );
    }
    const row = await db.person.get(ids[0]);
    expect(withoutClocks(row!)).toMatchObject({
      name: '周九九',
      notes: '同一次写两次',
      tags: ['VIP']
    });
    expect((await db.person.get(ids[1]))?.deleted).toBe(true);
  });

  it('does not edit a soft-deleted record', async () => {
    const db = testDatabase();
    const [id] = await write(frontDesk, [{ op: 'create', table: 'person', value: person('郑') }], {
      db
    });
    await write(manager, [{ op: 'delete', table: 'person', id }], { db });
    await expect(
      write(frontDesk, [{ op: 'update', table: 'person', id, patch: { name: 'x' } }], { db })
    ).rejects.toMatchObject({ kind: 'notFound' });
  });
});
