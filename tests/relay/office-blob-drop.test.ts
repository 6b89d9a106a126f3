import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRevocationList } from '../../src/lib/sync/crypto';
import { MAX_BLOB_IDS } from '../../src/lib/sync/protocol';
import type { RelayStore } from '../../src/relay/store';
import { PgStore } from '../../src/relay/store-postgres';
import { SqliteStore } from '../../src/relay/store-sqlite';
import { DeviceClient, makeDevice, makeOffice } from './device-client';
import { spawnRelay, storeCounts, testStore, type RelayProcess } from './relay-process';

/**
 * Dropping old snapshots' pieces (issue 12 §5; lib/sync/snapshot-relay.ts dropOldSnapshots),
 * on each store: `office-blob-drop` deletes only the asking office's snapshot pieces with
 * those ids, lowers the office's bytes in the same transaction, ignores unknown ids, is
 * bounded per frame, and is refused to a device not enrolled in the office or revoked. A
 * photo survives, even named.
 */
let relay: RelayProcess;
beforeAll(async () => {
  relay = await spawnRelay();
});
afterAll(() => relay?.stop());

function piece(size = 1000): { id: string; body: Uint8Array } {
  const body = new Uint8Array(randomBytes(size));
  return { id: createHash('sha256').update(body).digest('hex'), body };
}

/** Put a piece, as a snapshot's unless it is a `file` (a photo, a signature). */
async function put(
  client: DeviceClient,
  p: { id: string; body: Uint8Array },
  kind: 'snapshot' | 'file' = 'snapshot'
): Promise<void> {
  const snapshot = kind === 'snapshot' ? { snapshot: true as const } : {};
  const reply = await client.request({ t: 'office-blob-put', id: p.id, ...snapshot }, p.body);
  expect(reply.header).toMatchObject({ t: 'office-blob-stored', id: p.id });
}

async function held(client: DeviceClient, ids: string[]): Promise<string[]> {
  const reply = await client.request({ t: 'office-blob-has', ids });
  if (reply.header.t !== 'office-blob-missing') throw new Error(reply.header.t);
  const missing = new Set(reply.header.ids);
  return ids.filter((id) => !missing.has(id));
}

describe('dropping office blobs', () => {
  it('drops only the named pieces of the asking office and lowers its bytes; a photo survives', async () => {
    const office = makeOffice();
    const a = makeDevice(office);
    const b = makeDevice(office);
    const clientA = await DeviceClient.connect(relay.url, a);
    const clientB = await DeviceClient.connect(relay.url, b);
    const snapshot = [piece(3000), piece(2000), piece(700)];
    const photo = piece(5000);
    for (const p of snapshot) await put(clientA, p);
    await put(clientA, photo, 'file');

    // Another office holds a piece under the same address (addresses are per office).
    const other = makeOffice();
    const stranger = makeDevice(other);
    const clientS = await DeviceClient.connect(relay.url, stranger);
    await put(clientS, snapshot[0]);
    const before = await storeCounts(relay);

    // The stranger names A's addresses: only its own piece goes, A's stay.
    const foreign = await clientS.request({
      t: 'office-blob-drop',
      ids: snapshot.map((p) => p.id)
    });
    expect(foreign.header).toMatchObject({
      t: 'office-blob-dropped',
      ids: [snapshot[0].id],
      bytes: 3000
    });
    expect(
      await held(
        clientA,
        snapshot.map((p) => p.id)
      )
    ).toEqual(snapshot.map((p) => p.id));

    // B (another device of A's office) drops the snapshot's pieces, with an unknown id; the
    // photo it names too stays (it was not put as a snapshot's).
    const unknown = piece().id;
    const reply = await clientB.request({
      t: 'office-blob-drop',
      ids: [...snapshot.map((p) => p.id), unknown, photo.id]
    });
    expect(reply.header.t).toBe('office-blob-dropped');
    if (reply.header.t !== 'office-blob-dropped') return;
    expect([...reply.header.ids].sort()).toEqual(snapshot.map((p) => p.id).sort());
    expect(reply.header.bytes).toBe(5700);
    expect(await held(clientA, [...snapshot.map((p) => p.id), photo.id])).toEqual([photo.id]);
    const got = await clientA.request({ t: 'office-blob-get', id: photo.id });
    expect(got.header.t).toBe('office-blob');
    expect([...got.body]).toEqual([...photo.body]);
    const after = await storeCounts(relay);
    expect(after.officeBlobs).toBe(before.officeBlobs - 4);
    expect(after.bytes).toBe(before.bytes - 5700 - 3000);

    // Again: nothing left to drop, nothing counted twice.
    const again = await clientA.request({ t: 'office-blob-drop', ids: [snapshot[1].id] });
    expect(again.header).toMatchObject({ t: 'office-blob-dropped', ids: [], bytes: 0 });
    expect((await storeCounts(relay)).bytes).toBe(after.bytes);

    // Bounded per frame, like office-blob-has: 257 ids are refused, nothing dropped.
    const tooMany = await clientA.request({
      t: 'office-blob-drop',
      ids: [photo.id, ...Array.from({ length: MAX_BLOB_IDS }, () => piece(1).id)]
    });
    expect(tooMany.header).toMatchObject({ t: 'error', code: 'malformed' });
    expect(await held(clientA, [photo.id])).toEqual([photo.id]);
    await Promise.all([clientA.close(), clientB.close(), clientS.close()]);
  });

  it('a revoked device cannot drop, at the relay nor in the store', async () => {
    const office = makeOffice();
    const a = makeDevice(office);
    const c = makeDevice(office);
    const clientA = await DeviceClient.connect(relay.url, a);
    const clientC = await DeviceClient.connect(relay.url, c);
    const old = piece(4000);
    await put(clientA, old);
    const revocation = signRevocationList(office.signing.secretKey, office.id, 1, [c.id]);
    expect((await clientA.request({ t: 'revoke', revocation })).header.t).toBe('ok');
    // C was sent away; it cannot come back to drop anything.
    await clientC.closed;
    const back = await DeviceClient.connect(relay.url, c);
    expect(back.welcome).toBeUndefined();
    const refused = await back.request({ t: 'office-blob-drop', ids: [old.id] });
    expect(refused.header).toMatchObject({ t: 'error', code: 'revoked' });
    expect(await held(clientA, [old.id])).toEqual([old.id]);
    await clientA.close();

    // The store itself refuses (a revocation applied by another relay process counts at once).
    const target = await testStore();
    const store: RelayStore = target.databaseUrl
      ? await PgStore.open(target.databaseUrl, 1_000_000, 2)
      : new SqliteStore(target.dataDir, 1_000_000);
    try {
      const key = new Uint8Array(32);
      await store.enrol(office.id, key, a.id, key, 1);
      await store.enrol(office.id, key, c.id, key, 1);
      expect(await store.officeBlobs.put(office.id, old.id, old.body, 1, 'snapshot')).toMatchObject(
        {
          ok: true
        }
      );
      await store.setRevocation(office.id, 1, [c.id]);
      expect(await store.officeBlobs.drop(office.id, c.id, [old.id])).toMatchObject({
        ok: false,
        code: 'revoked'
      });
      // Not a device of this office (another office's, or made up): refused too.
      expect(await store.officeBlobs.drop(office.id, 'deviceOfNobody', [old.id])).toMatchObject({
        ok: false,
        code: 'not-enrolled'
      });
      expect(await store.officeBlobs.missing(office.id, [old.id])).toEqual([]);
      expect((await store.office(office.id))?.bytes).toBe(4000);
      expect(await store.officeBlobs.drop(office.id, a.id, [old.id])).toEqual({
        ok: true,
        ids: [old.id],
        bytes: 4000
      });
      expect((await store.office(office.id))?.bytes).toBe(0);
    } finally {
      await store.close();
    }
  });
});
