import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rowState } from '$lib/oplog/format';
import { decodeSnapshotPart, encodeSnapshotPart, SnapshotError } from '$lib/oplog/snapshot';
import { tableNames } from '$lib/domain/tables';
import { applyRemoteChunks, chunksSince } from './apply-remote';
import {
  applySnapshotPart,
  buildSnapshot,
  compactionRange,
  compactLog,
  finishSnapshot,
  logBytes,
  noteRelayVector
} from './compact';
import type { GuanjiaDexie } from './database';
import { syncState } from './sync-state';
import { testDatabase } from './test-db';
import { write, writeDocUpdates, type Actor } from './write';

/**
 * Issue 12 §5: a device that joins from a snapshot of a compacted log plus the tail holds
 * the same rows (fields and clocks) and documents as the device that saw every op —
 * across deletes and re-creates with the same id on both sides of the compaction.
 */
const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
const manager: Actor = { staffId: 'M1', role: 'manager' };
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const P = (n: number) => `0190a000-0000-7000-8000-00000000000${n}`;

async function exchange(from: GuanjiaDexie, to: GuanjiaDexie) {
  const theirs = (await syncState(to)).vv;
  return applyRemoteChunks(await chunksSince(theirs, { db: from }), { db: to, now: T0 });
}

async function everyRow(db: GuanjiaDexie) {
  const out: Record<string, unknown> = {};
  for (const t of tableNames) {
    const rows = await db[t].toArray();
    if (rows.length)
      out[t] = rows
        .map((r) => ({ ...rowState(r), x: r._x }))
        .sort((a, b) => (String(a.fields.id) < String(b.fields.id) ? -1 : 1));
  }
  return out;
}

const person = (n: number, name: string, notes?: string) => ({
  op: 'create' as const,
  table: 'person' as const,
  value: { id: P(n), name, phones: [], ...(notes ? { notes } : {}) }
});

async function joinFrom(source: GuanjiaDexie, office: string): Promise<GuanjiaDexie> {
  const built = await buildSnapshot(source, office);
  const joiner = testDatabase();
  for (const part of built.parts)
    // Through the wire form, validated whole, as it travels.
    await applySnapshotPart(joiner, decodeSnapshotPart(encodeSnapshotPart(part), office));
  await finishSnapshot(joiner, built.vv, built.hlc, T0, built.parts[0].roles);
  return joiner;
}

describe('compaction and joining from snapshot + tail', () => {
  it('a joiner from snapshot + tail equals the device that saw every op (deletes, re-creates, documents)', async () => {
    const a = testDatabase();
    const b = testDatabase();
    let t = T0;
    await write(desk, [person(1, '张三', '旧备注'), person(2, '李四')], { db: a, now: ++t });
    await write(manager, [{ op: 'delete', table: 'person', id: P(1) }], { db: a, now: ++t });
    await write(desk, [person(3, '王五')], { db: b, now: ++t });
    // A handover document typed on A.
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const word of ['交接', '：', '三号楼', '漏水']) {
      doc.getText('log').insert(doc.getText('log').length, word);
      await writeDocUpdates(desk, { table: 'shift', id: 's1' }, updates.splice(0), {
        db: a,
        now: ++t
      });
    }
    await exchange(b, a);
    await exchange(a, b);
    // Every device holds it all: both report, the relay too.
    const vv = (await syncState(a)).vv;
    await noteRelayVector(a, vv);
    const before = await logBytes(a);
    const { chunks } = await compactLog(a, vv);
    expect(chunks).toBeGreaterThan(0);
    expect(await a.oplog.count()).toBe(0);
    expect(await logBytes(a)).toBeLessThan(before);

    // The tail: a re-create with the same id (no notes), an edit, a delete across the cut.
    await write(desk, [person(1, '张三')], { db: a, now: ++t });
    await write(desk, [{ op: 'update', table: 'person', id: P(2), patch: { name: '李四四' } }], {
      db: b,
      now: ++t
    });
    await write(manager, [{ op: 'delete', table: 'person', id: P(3) }], { db: b, now: ++t });
    doc.getText('log').insert(0, '早班');
    await writeDocUpdates(desk, { table: 'shift', id: 's1' }, updates.splice(0), {
      db: b,
      now: ++t
    });

    const c = await joinFrom(a, 'office-1');
    // The tail from both devices, as the relay would pull it.
    await exchange(a, c);
    await exchange(b, c);
    await exchange(b, a);
    await exchange(a, b);
    expect(await everyRow(c)).toEqual(await everyRow(a));
    expect(await everyRow(b)).toEqual(await everyRow(a));
    expect((await c.person.get(P(1)))?.notes).toBe('旧备注'); // kept by the tombstone, as on A
    expect((await c.person.get(P(1)))?.deleted).toBe(false);
    const held = async (db: GuanjiaDexie) =>
      Object.entries((await syncState(db)).vv).filter(([, seq]) => seq > 0);
    expect(await held(c)).toEqual(await held(a));
    // The role history came with it: the tail's ops are judged as on A.
    expect((await syncState(c)).roles?.last).toEqual((await syncState(a)).roles?.last);

    // The document: the compacted base in the inbox, the tail update after it.
    const joined = new Y.Doc();
    for (const entry of await c.docInbox.toArray()) Y.applyUpdate(joined, entry.update);
    expect(joined.getText('log').toString()).toBe(doc.getText('log').toString());
  });

  it('a removed device does not hold compaction back; an enrolled one that lags does', async () => {
    const a = testDatabase();
    await write(desk, [person(1, '张三'), person(2, '李四')], { db: a, now: T0 });
    const { device, vv } = await syncState(a);
    await noteRelayVector(a, vv);
    const seq = vv[device];
    const deviceRow = (id: string, seen: Record<string, number>) => ({
      op: 'create' as const,
      table: 'device' as const,
      value: { id, name: id, key: 'k', sig: 's', seen }
    });
    await write(manager, [deviceRow('lagging', { [device]: 0 })], { db: a, now: T0 + 1 });
    expect(await compactionRange(a)).toEqual({});
    await write(manager, [{ op: 'delete', table: 'device', id: 'lagging' }], {
      db: a,
      now: T0 + 2
    });
    expect(await compactionRange(a)).toEqual({ [device]: seq });
    await write(manager, [deviceRow('caught-up', { [device]: seq })], { db: a, now: T0 + 3 });
    expect(await compactionRange(a)).toEqual({ [device]: seq });
  });

  it('nothing is dropped before the relay has reported what it holds', async () => {
    const a = testDatabase();
    await write(desk, [person(1, '张三')], { db: a, now: T0 });
    expect(await compactionRange(a)).toEqual({});
    expect((await compactLog(a)).chunks).toBe(0);
    expect(await a.oplog.count()).toBe(1);
  });

  it('a damaged or foreign snapshot is refused before anything is stored', async () => {
    const a = testDatabase();
    await write(desk, [person(1, '张三')], { db: a, now: T0 });
    const built = await buildSnapshot(a, 'office-1');
    const text = encodeSnapshotPart(built.parts[0]);
    const c = testDatabase();
    const tryJoin = async (t: string, office: string) => {
      try {
        await applySnapshotPart(c, decodeSnapshotPart(t, office));
      } catch (error) {
        expect(error).toBeInstanceOf(SnapshotError);
      }
    };
    await tryJoin(text, 'office-2');
    await tryJoin(text.replace('"_c":"', '"_c":1,"x":"'), 'office-1');
    await tryJoin(text.slice(0, text.length / 2), 'office-1');
    expect(await c.person.count()).toBe(0);
    expect((await syncState(c)).vv).toEqual({ [(await syncState(c)).device]: 0 });
  });
});
