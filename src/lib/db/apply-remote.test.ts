import { describe, expect, it } from 'vitest';
import { withoutClocks } from '$lib/domain/ops';
import { applyRemoteChunks, chunksSince } from './apply-remote';
import type { GuanjiaDexie } from './database';
import { syncState } from './sync-state';
import { testDatabase } from './test-db';
import { write, type Actor } from './write';

const desk: Actor = { staffId: 'F1', role: 'frontDesk' };

async function exchange(from: GuanjiaDexie, to: GuanjiaDexie) {
  const theirs = (await syncState(to)).vv;
  return applyRemoteChunks(await chunksSince(theirs, { db: from }), { db: to });
}

async function people(db: GuanjiaDexie) {
  return (await db.person.toArray()).map(withoutClocks).sort((a, b) => a.id.localeCompare(b.id));
}

describe('applying another device’s ops', () => {
  it('brings two devices to the same rows, field by field', async () => {
    const a = testDatabase();
    const b = testDatabase();
    const [id] = await write(
      desk,
      [{ op: 'create', table: 'person', value: { name: '张三', phones: [] } }],
      { db: a, now: 1_000 }
    );
    await exchange(a, b);
    // Concurrent edits: different fields and the same field.
    await write(
      desk,
      [{ op: 'update', table: 'person', id, patch: { notes: 'A 的备注', name: '张三A' } }],
      { db: a, now: 2_000 }
    );
    await write(
      desk,
      [{ op: 'update', table: 'person', id, patch: { tags: ['VIP'], name: '张三B' } }],
      { db: b, now: 3_000 }
    );
    await exchange(a, b);
    await exchange(b, a);
    expect(await people(a)).toEqual(await people(b));
    expect((await people(a))[0]).toMatchObject({ notes: 'A 的备注', tags: ['VIP'], name: '张三B' });
    expect((await syncState(a)).vv).toEqual((await syncState(b)).vv);
  });

  it('ignores duplicates and refuses a chunk after a gap', async () => {
    const a = testDatabase();
    const b = testDatabase();
    for (let i = 0; i < 3; i++)
      await write(
        desk,
        [{ op: 'create', table: 'person', value: { name: `住户${i}`, phones: [] } }],
        { db: a }
      );
    const all = await chunksSince({}, { db: a });
    const third = await applyRemoteChunks([all[2]], { db: b });
    expect(third.applied).toBe(0);
    expect(third.gaps).toHaveLength(1);
    const first = await applyRemoteChunks([all[1], all[0], all[0]], { db: b });
    expect(first.applied).toBe(2);
    const again = await applyRemoteChunks(all, { db: b });
    expect(again.applied).toBe(1);
    expect(await people(b)).toEqual(await people(a));
    expect(await b.oplog.count()).toBe(3);
  });

  it('keeps ops of a newer app version and flags them', async () => {
    const b = testDatabase();
    const result = await applyRemoteChunks(
      [
        {
          device: 'zz',
          first: 1,
          last: 1,
          hlc: '00000000001:0000:zz',
          actor: 'x',
          sv: 99,
          ops: [{ k: 'row', t: 'futureTable', r: 'r1', f: { a: 1 } }]
        }
      ],
      { db: b }
    );
    expect(result.applied).toBe(1);
    expect(await b.oplog.count()).toBe(1);
    expect((await syncState(b)).newerSchemaSeen).toBe(99);
  });
});

describe('collaborative document updates', () => {
  it('travel in the op log and wait in the doc inbox of the other device', async () => {
    const { writeDocUpdates } = await import('./write');
    const a = testDatabase();
    const b = testDatabase();
    const manager: Actor = { staffId: 'M1', role: 'manager' };
    await writeDocUpdates(
      manager,
      { table: 'office', id: 'office' },
      [new Uint8Array([1, 2]), new Uint8Array([3])],
      { db: a }
    );
    await expect(
      writeDocUpdates(
        { staffId: 'E1', role: 'engineer' },
        { table: 'office', id: 'office' },
        [new Uint8Array([9])],
        { db: a }
      )
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await a.oplog.count()).toBe(1);
    await exchange(a, b);
    const inbox = await b.docInbox.where('doc').equals('office/office').toArray();
    expect(inbox.map((e) => [...e.update])).toEqual([[1, 2], [3]]);
    await exchange(a, b);
    expect(await b.docInbox.count()).toBe(2);
  });
});
