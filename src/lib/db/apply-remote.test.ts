import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '$lib/oplog/hlc';
import {
  SCHEMA_VERSION,
  rowState,
  withoutClocks,
  type OpChunk,
  type RowOp
} from '$lib/oplog/format';
import { applyRemoteChunks, chunksSince } from './apply-remote';
import type { GuanjiaDexie } from './database';
import { RowPresence } from './row-presence';
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

describe('a catch-up that reads only the rows that exist (RowPresence)', () => {
  const wall = Date.UTC(2026, 0, 1);
  const hlcOf = (tick: number, device: string) => encodeHlc({ wall, counter: tick, device });
  const idOf = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

  /** A remote device's chunk of `ids.length` person ops (enough for the presence path). */
  function chunk(
    device: string,
    first: number,
    tick: number,
    ids: number[],
    notes: string
  ): OpChunk {
    return {
      device,
      first,
      last: first + ids.length - 1,
      hlc: hlcOf(tick, device),
      actor: 'F1',
      sv: SCHEMA_VERSION,
      ops: ids.map((n) => ({
        k: 'row',
        t: 'person',
        r: idOf(n),
        f: { name: `住户${n}`, notes, phones: [], createdAt: wall, updatedAt: wall, deleted: false }
      }))
    };
  }
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

  async function states(db: GuanjiaDexie) {
    return (await db.person.toArray())
      .map(rowState)
      .sort((a, b) => String(a.fields.id).localeCompare(String(b.fields.id)));
  }

  it('merges into rows written here meanwhile, as a plain apply does', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Steps: a remote batch over a random window of ids, or a local write of a few rows.
        fc.array(
          fc.oneof(
            fc.record({
              remote: fc.constant(true),
              from: fc.nat(900),
              count: fc.integer({ min: 256, max: 400 })
            }),
            fc.record({
              remote: fc.constant(false),
              from: fc.nat(1200),
              count: fc.integer({ min: 1, max: 3 })
            })
          ),
          { minLength: 2, maxLength: 6 }
        ),
        async (steps) => {
          const plain = testDatabase();
          const fast = testDatabase();
          // One device id for both, so their local writes carry the same clocks.
          for (const db of [plain, fast])
            await db.meta.put({ key: 'sync', device: 'local1', hlc: '', vv: { local1: 0 } });
          const presence = new RowPresence();
          let seq = 0;
          let tick = 0;
          for (const [i, step] of steps.entries()) {
            if (step.remote) {
              const c = chunk('remote1', seq + 1, ++tick, range(step.from, step.count), `远端${i}`);
              seq = c.last;
              await applyRemoteChunks([c], { db: plain, now: wall });
              await applyRemoteChunks([c], { db: fast, presence, now: wall });
            } else
              for (const db of [plain, fast])
                await write(
                  desk,
                  range(step.from, step.count).map((n) => ({
                    op: 'create' as const,
                    table: 'person' as const,
                    value: { id: idOf(n), name: `本机${n}`, phones: [], notes: `本机${i}` }
                  })),
                  { db, now: wall + i + 1 }
                );
          }
          expect(await states(fast)).toEqual(await states(plain));
        }
      ),
      { numRuns: 15 }
    );
  }, 120_000);

  it('learns nothing from an apply that was rolled back', async () => {
    const db = testDatabase();
    const presence = new RowPresence();
    await applyRemoteChunks([chunk('remote1', 1, 1, range(0, 300), '一')], { db, presence });
    // The people are put, then a value IndexedDB cannot store fails the whole apply.
    const broken = chunk('remote1', 301, 2, range(1000, 300), '二');
    broken.ops.push({ k: 'row', t: 'unit', r: idOf(1), f: { code: () => 'not storable' } });
    broken.last++;
    await expect(applyRemoteChunks([broken], { db, presence })).rejects.toThrow();
    expect(await db.person.count()).toBe(300);
    // Another writer adds as many rows as the failed apply would have: same count, other ids.
    await write(
      desk,
      range(2000, 300).map((n) => ({
        op: 'create' as const,
        table: 'person' as const,
        value: { id: idOf(n), name: `本机${n}`, phones: [], preferences: '本机' }
      })),
      { db, now: wall - 1 }
    );
    await applyRemoteChunks([chunk('remote1', 301, 3, range(2000, 300), '三')], { db, presence });
    // Merged, not replaced: the local field is still there beside the newer remote ones.
    const row = await db.person.get(idOf(2100));
    expect(row).toMatchObject({ preferences: '本机', notes: '三' });
  });

  it('is all or nothing, however many slices it puts', async () => {
    const db = testDatabase();
    const big = chunk('remote1', 1, 1, range(0, 2500), '一');
    (big.ops[2400] as RowOp).f.notes = () => 'not storable';
    await expect(applyRemoteChunks([big], { db, presence: new RowPresence() })).rejects.toThrow();
    expect(await db.person.count()).toBe(0);
    expect(await db.oplog.count()).toBe(0);
    expect((await syncState(db)).vv.remote1).toBeUndefined();
  });
});
