import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type OpChunk } from '$lib/oplog/format';
import { encodeHlc } from '$lib/oplog/hlc';
import { packedOf } from '$lib/oplog/packed';
import { createOfficeKeys, deviceIdentity } from '$lib/sync/office-keys';
import { newDeviceId } from '$lib/sync/crypto';
import { openSealed, sealChunks } from '$lib/sync/seal';
import { applyRemoteChunks, chunksSince } from './apply-remote';
import { testDatabase } from './test-db';

const A = newDeviceId();

/** A chunk of `count` person rows written on `device` (large enough to be packed deflated). */
function people(device: string, first: number, count: number): OpChunk {
  return {
    device,
    first,
    last: first + count - 1,
    hlc: encodeHlc({ wall: Date.UTC(2026, 0, 1), counter: first, device }),
    actor: 'F1',
    sv: SCHEMA_VERSION,
    ops: Array.from({ length: count }, (_, i) => ({
      k: 'row' as const,
      t: 'person',
      r: `0190a000-0000-7000-8000-${String(first + i).padStart(12, '0')}`,
      f: { name: `住户${first + i}`, phones: ['13800000000'], notes: '', deleted: false }
    }))
  };
}

/** The chunks as device `b` opens them from a batch `a` sealed (packed, as sync brings them). */
async function received(chunks: OpChunk[]): Promise<OpChunk[]> {
  const a = createOfficeKeys(chunks[0].device);
  const b = { ...a, ...deviceIdentity(a.officeSecret as Uint8Array, a.office, newDeviceId()) };
  return openSealed(b, await sealChunks(a, chunks, 1));
}

describe('the op log stores received chunks in the bytes they came in', () => {
  it('stores a packed chunk as bytes, and every read gives back the same chunk with its ops', async () => {
    const db = testDatabase();
    const sent = [people(A, 1, 200), people(A, 201, 1)];
    const opened = await received(sent);
    expect(packedOf(opened[0])).toBeDefined();
    await applyRemoteChunks(opened, { db });

    // What IndexedDB holds, read past the app's middleware: bytes for the large chunk, the
    // small one as it is.
    const raw = new Dexie(db.name);
    await raw.open();
    const records = (await raw.table('oplog').toArray()) as Record<string, unknown>[];
    raw.close();
    expect(records).toHaveLength(2);
    expect(records[0].ops).toBeUndefined();
    expect(records[0].p).toBeInstanceOf(Uint8Array);
    expect((records[0].p as Uint8Array).length).toBeLessThan(
      JSON.stringify(sent[0].ops).length / 4
    );
    expect(records[1].ops).toEqual(sent[1].ops);

    // Through the app: get, bulkGet, a range query, a cursor and the sync path all see ops.
    expect(await db.oplog.get([A, 1])).toEqual(sent[0]);
    expect(
      await db.oplog.bulkGet([
        [A, 1],
        [A, 201]
      ])
    ).toEqual(sent);
    expect(await db.oplog.where('[device+last]').between([A, 0], [A, 999]).toArray()).toEqual(sent);
    const seen: OpChunk[] = [];
    await db.oplog.each((chunk) => void seen.push(chunk));
    expect(seen).toEqual(sent);
    expect(await chunksSince({}, { db })).toEqual(sent);
    expect(await chunksSince({ [A]: 150 }, { db })).toEqual([
      { ...sent[0], first: 151, ops: sent[0].ops.slice(150) },
      sent[1]
    ]);
    // The rows are those of the ops.
    expect(await db.person.count()).toBe(201);
  });

  it('a chunk cut on arrival (a resend overlapping what is held) is stored as the ops it keeps', async () => {
    const db = testDatabase();
    await applyRemoteChunks([people(A, 1, 50)], { db });
    const opened = await received([people(A, 1, 200)]);
    await applyRemoteChunks(opened, { db });
    const chunks = await db.oplog.toArray();
    expect(chunks.map((c) => [c.first, c.last, c.ops.length])).toEqual([
      [1, 50, 50],
      [51, 200, 150]
    ]);
    expect(chunks[1].ops).toEqual(people(A, 1, 200).ops.slice(50));
    expect(await db.person.count()).toBe(200);
  });
});
