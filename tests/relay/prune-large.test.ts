import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src/lib/sync/crypto';
import { RELAY_PIECE_BYTES } from '../../src/lib/sync/blob-seal';
import {
  DeviceClient,
  makeBatch,
  makeDevice,
  makeOffice,
  type Op,
  type TestDevice
} from './device-client';
import { spawnRelay, storeCounts, type RelayProcess, type StoreTarget } from './relay-process';

/**
 * Issue 12, the large-office join spec's relay: a device catching up a large office, then
 * holds, a large snapshot upload and a prune that drops every batch — driven the way tablet A
 * drives it, on each store. The relay must answer each step and stay up; the office's stored
 * bytes must stay equal to what it holds. Smaller than the spec's office (95 MB of batches,
 * ~50 MB of snapshot) so it runs in the suite; the same steps.
 */
const BATCHES = 60;
const OPS_PER_BATCH = 500; // as large-office-device.ts cuts them
const BATCH_BYTES = 200 * 1024; // ~the spec's batches (95 MB / 543)
const SNAPSHOT_PIECES = 96; // 12 MiB in RELAY_PIECE_BYTES pieces

let relay: RelayProcess;
beforeAll(async () => {
  relay = await spawnRelay();
});
afterAll(() => relay?.stop());

/** One batch of `OPS_PER_BATCH` ops whose first op carries ~BATCH_BYTES that do not compress. */
function bigOps(first: number): Op[] {
  return Array.from({ length: OPS_PER_BATCH }, (_, i) => ({
    seq: first + i,
    field: 'note',
    value: i === 0 ? toBase64Url(randomBytes((BATCH_BYTES * 3) / 4)) : 'x'
  }));
}

async function pushAll(client: DeviceClient, device: TestDevice): Promise<number> {
  let bytes = 0;
  for (let b = 0; b < BATCHES; b++) {
    const { batch, body } = await makeBatch(device, bigOps(b * OPS_PER_BATCH + 1));
    const reply = await client.request({ t: 'push', batch }, body);
    expect(reply.header).toMatchObject({ t: 'ack', have: (b + 1) * OPS_PER_BATCH });
    bytes += body.length;
  }
  return bytes;
}

/** What the store keeps as a device's acknowledgements (read beside the relay, not through it). */
async function ackedOf(target: StoreTarget, device: string): Promise<Record<string, number>> {
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ acked: string }>(
        'SELECT acked FROM devices WHERE device = $1',
        [device]
      );
      return JSON.parse(rows[0].acked) as Record<string, number>;
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(target.dataDir, 'relay.sqlite'), { readonly: true });
  try {
    const row = db.prepare('SELECT acked FROM devices WHERE device = ?').get(device) as {
      acked: string;
    };
    return JSON.parse(row.acked) as Record<string, number>;
  } finally {
    db.close();
  }
}

const failures = () =>
  relay.logs.filter((l) => ['uncaught', 'unhandled-rejection', 'session-error'].includes(l.event));

describe('a large office: catch-up, holds, snapshot upload, prune', () => {
  it('the relay answers every step, stays up, and its byte count stays what it holds', async () => {
    const office = makeOffice();
    const author = makeDevice(office); // the Node device of the spec: it wrote the office
    const tablet = makeDevice(office); // tablet A: catches up, publishes, prunes
    const writer = await DeviceClient.connect(relay.url, author);
    // As the spec's device does: its vector names its own ops before it pushes them.
    await writer.pull({ [author.id]: BATCHES * OPS_PER_BATCH });
    const batchBytes = await pushAll(writer, author);
    await writer.close();

    const a = await DeviceClient.connect(relay.url, tablet);
    const { batches, done } = await a.pull({});
    expect(batches).toHaveLength(BATCHES);
    expect(done.header).toMatchObject({ t: 'pulled', vector: { [author.id]: BATCHES * 500 } });
    const held = { [author.id]: BATCHES * OPS_PER_BATCH };
    expect((await a.request({ t: 'holds', vector: held })).header.t).toBe('ok');

    // The snapshot: pieces, the last one first (snapshot-relay.ts putPieces), then a pointer.
    let blobBytes = 0;
    const ids: string[] = [];
    for (let p = SNAPSHOT_PIECES - 1; p >= 0; p--) {
      const piece = randomBytes(RELAY_PIECE_BYTES);
      const id = createHash('sha256').update(piece).digest('hex');
      const reply = await a.request({ t: 'office-blob-put', id }, piece);
      expect(reply.header).toMatchObject({ t: 'office-blob-stored', id });
      blobBytes += piece.length;
      ids.push(id);
    }
    const pointer = randomBytes(512);
    const pointerId = createHash('sha256').update(pointer).digest('hex');
    expect((await a.request({ t: 'office-blob-put', id: pointerId }, pointer)).header.t).toBe(
      'office-blob-stored'
    );
    blobBytes += pointer.length;
    expect((await storeCounts(relay)).bytes).toBe(batchBytes + blobBytes);

    // maintainLog: holds, is there a pointer, prune. Every batch goes: both devices hold them all.
    expect((await a.request({ t: 'holds', vector: held })).header.t).toBe('ok');
    const has = await a.request({ t: 'office-blob-has', ids: [pointerId] });
    expect(has.header).toMatchObject({ t: 'office-blob-missing', ids: [] });
    const pruned = await a.request({ t: 'prune', vector: held });
    expect(pruned.header).toMatchObject({
      t: 'pruned',
      batches: BATCHES,
      bytes: batchBytes,
      floor: held
    });
    // Again (the next page load's maintainLog): nothing more, same floor.
    expect((await a.request({ t: 'prune', vector: held })).header).toMatchObject({
      t: 'pruned',
      batches: 0,
      bytes: 0,
      floor: held
    });
    const counts = await storeCounts(relay);
    expect(counts.batches).toBe(0);
    expect(counts.bytes).toBe(blobBytes); // the office row is there, its bytes what it holds

    // The office goes on: a piece after the prune is stored, the snapshot is readable.
    const more = randomBytes(1024);
    const moreId = createHash('sha256').update(more).digest('hex');
    expect((await a.request({ t: 'office-blob-put', id: moreId }, more)).header.t).toBe(
      'office-blob-stored'
    );
    const got = await a.request({ t: 'office-blob-get', id: ids[0] });
    expect(got.header.t).toBe('office-blob');
    expect(got.body.length).toBe(RELAY_PIECE_BYTES);

    // A new tablet (B of the spec) is told the floor and finds the pointer.
    const b = await DeviceClient.connect(relay.url, makeDevice(office));
    expect(b.welcome).toMatchObject({ vector: held, floor: held });
    expect((await b.request({ t: 'office-blob-get', id: pointerId })).header.t).toBe('office-blob');
    const tail = await b.pull(held);
    expect(tail.batches).toHaveLength(0);
    expect(tail.done.header).toMatchObject({ t: 'pulled', floor: held });

    await Promise.all([a.close(), b.close()]);
    expect(relay.exit()).toBeUndefined();
    expect(failures()).toEqual([]);
  });

  it('vectors naming made-up devices do not grow what the relay keeps per device', async () => {
    const office = makeOffice();
    const device = makeDevice(office);
    const other = makeDevice(office);
    const client = await DeviceClient.connect(relay.url, device);
    const peer = await DeviceClient.connect(relay.url, other);
    for (let round = 0; round < 5; round++) {
      // 2,000 names a message (the header limit allows ~10,000 short ones), new each time.
      const vector: Record<string, number> = { [other.id]: round + 1 };
      for (let i = 0; i < 2_000; i++) vector[toBase64Url(randomBytes(9))] = 1 + i;
      expect((await client.request({ t: 'holds', vector })).header.t).toBe('ok');
      expect((await client.pull(vector)).done.header.t).toBe('pulled');
    }
    expect(await ackedOf(relay, device.id)).toEqual({ [other.id]: 5 });
    await Promise.all([client.close(), peer.close()]);
    expect(relay.exit()).toBeUndefined();
    expect(failures()).toEqual([]);
  });
});
