import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../relay';
import { blobsToUpload, getBlob, putBlob, putDraftBlob, sha256Hex } from '$lib/db/blobs';
import { saveEntryNaming } from '$lib/db/test-db';
import type { BlobRelay } from './blob-relay';
import { relayBlobId, sealBlob } from './blob-seal';
import { startBlobSync, type BlobRoads } from './blob-sync';
import { memoryLink } from './memory-transport';
import { runPeerSession } from './peer-session';
import { startRelayClient, type RelayClient } from './relay-client';
import { recentSyncLog } from './sync-log';
import { testOffice, type TestDevice } from './test-office';
import type { WebSocketClass } from './websocket-transport';

const Socket = WebSocket as unknown as WebSocketClass;
let relay: RunningRelay;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'guanjia-blobs-'));
  relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir, log: () => {} });
});
afterAll(() => relay?.close());

async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A photo's bytes: recognisable, so the relay's files can be searched for them. */
function photo(size: number, mark: string): Uint8Array {
  const text = new TextEncoder().encode(`照片 ${mark} `);
  return Uint8Array.from({ length: size }, (_, i) => text[i % text.length]);
}

function relayRoad(client: RelayClient): () => BlobRelay | undefined {
  return () => {
    const session = client.session;
    return session?.phase === 'live' || session?.phase === 'catching-up' ? session : undefined;
  };
}

function blobSync(device: TestDevice, roads: Partial<BlobRoads>, retryDelaysMs: number[] = []) {
  return startBlobSync(
    device.engine,
    { relay: roads.relay ?? (() => undefined), peers: roads.peers ?? (() => []) },
    { retryDelaysMs }
  );
}

const relayHolds = async (office: string) => (await relay.store.officeBlobs.usage(office)).pieces;

describe('attachments travel on demand, hash checked', () => {
  it('via the relay: uploaded when taken, fetched on demand by the other tablet', async () => {
    const [a, b] = await testOffice(2);
    const ca = startRelayClient(a.engine, relay.url, { Socket });
    const cb = startRelayClient(b.engine, relay.url, { Socket });
    const sa = blobSync(a, { relay: relayRoad(ca) });
    const sb = blobSync(b, { relay: relayRoad(cb) });
    await until(() => relayRoad(ca)() !== undefined);

    const bytes = photo(300_000, '厨房漏水');
    const hash = await putBlob(bytes, 'image/jpeg', a.db);
    await until(async () => (await blobsToUpload(a.db)).length === 0);
    expect(await relayHolds(a.keys.office)).toBe(3); // 300 kB in 128 KiB pieces

    await until(() => relayRoad(cb)() !== undefined);
    expect(await sb.fetch(hash)).toBe(true);
    const got = await getBlob(hash, b.db);
    expect(got?.type).toBe('image/jpeg');
    expect(await sha256Hex(got!.bytes)).toBe(hash);
    for (const stop of [sa.stop, sb.stop, ca.stop, cb.stop]) stop();
  });

  it('the relay holds only ciphertext: neither the bytes, nor their hash, nor the media type', async () => {
    const [a] = await testOffice(1);
    const ca = startRelayClient(a.engine, relay.url, { Socket });
    const sa = blobSync(a, { relay: relayRoad(ca) });
    const mark = '业主签名张三丰13812345678';
    const bytes = photo(5000, mark);
    const hash = await putBlob(bytes, 'image/x-guanjia-test', a.db);
    await until(async () => (await blobsToUpload(a.db)).length === 0);
    const stored = await relay.store.officeBlobs.get(a.keys.office, relayBlobId(a.keys, hash, 0));
    expect(stored).toBeDefined();

    const files = readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)));
    const found = (needle: Uint8Array | string) =>
      files.some((file) => file.includes(Buffer.from(needle)));
    expect(found(stored!.subarray(-32))).toBe(true); // positive control: the search sees the piece
    expect(found(new TextEncoder().encode(mark))).toBe(false);
    expect(found(bytes.subarray(0, 64))).toBe(false);
    expect(found(hash)).toBe(false);
    expect(found('image/x-guanjia-test')).toBe(false);
    sa.stop();
    ca.stop();
  });

  it('via a direct session, with no relay: pieces cut to fit the channel', async () => {
    const [a, b] = await testOffice(2);
    const bytes = photo(200_000, '配电箱');
    const hash = await putBlob(bytes, 'image/jpeg', a.db);
    const link = memoryLink({ maxFrameBytes: 64 * 1024 });
    const pa = runPeerSession(a.engine, link.ends[0]);
    const pb = runPeerSession(b.engine, link.ends[1]);
    await until(() => pb.peer !== undefined && pa.peer !== undefined);
    const sb = blobSync(b, { peers: () => [pb] });
    expect(await sb.fetch(hash)).toBe(true);
    expect(await sha256Hex((await getBlob(hash, b.db))!.bytes)).toBe(hash);
    // B may reach the relay when A cannot: what came direct is queued for the relay too.
    expect(await blobsToUpload(b.db)).toEqual([hash]);

    // A blob neither tablet has: answered "none", not stored, fetch says so.
    const unknown = await sha256Hex(photo(10, '无'));
    expect(await sb.fetch(unknown)).toBe(false);
    sb.stop();
    link.close();
    await Promise.all([pa.done, pb.done]);
  });

  it('a blob whose bytes are not what its hash says is refused, logged and never stored', async () => {
    const [a, b] = await testOffice(2);
    const hash = await sha256Hex(photo(1000, '真'));
    // A forger holding the office key seals other bytes under the hash a record carries.
    const forged = await sealBlob(a.keys, hash, 'image/jpeg', photo(1000, '假'), {
      pieceBytes: 128 * 1024,
      epoch: 1
    });
    // And a relay that damages a piece in storage.
    const damaged = (
      await sealBlob(a.keys, hash, 'image/jpeg', photo(1000, '真'), {
        pieceBytes: 128 * 1024,
        epoch: 1
      })
    ).map((p) => p.slice());
    damaged[0][40] ^= 1;
    for (const [pieces, reason] of [
      [forged, 'blob-hash'],
      [damaged, 'blob-decrypt']
    ] as const) {
      const fake: BlobRelay = {
        ask: async () => ({
          header: { t: 'office-blob', re: 1, id: 'f'.repeat(64) },
          body: pieces[0]
        })
      };
      const before = recentSyncLog.length;
      const sb = blobSync(b, { relay: () => fake });
      expect(await sb.fetch(hash)).toBe(false);
      expect(recentSyncLog.slice(before).map((l) => l.reason)).toContain(reason);
      sb.stop();
    }
    expect(await getBlob(hash, b.db)).toBeUndefined();
    expect(await b.db.blobs.count()).toBe(0);
  });

  it('a photo taken offline waits in the queue and goes up when the relay is reachable', async () => {
    const [a, b] = await testOffice(2);
    const bytes = photo(2000, '离线拍照');
    const hash = await putBlob(bytes, 'image/jpeg', a.db); // no relay yet: the tablet is offline
    const online: { client?: RelayClient } = {};
    const sa = blobSync(a, {
      relay: () => (online.client ? relayRoad(online.client)() : undefined)
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(await blobsToUpload(a.db)).toEqual([hash]);
    expect(await relayHolds(a.keys.office)).toBe(0);

    const ca = startRelayClient(a.engine, relay.url, {
      Socket,
      onPhase: (phase) => void (phase === 'live' && sa.drain()) // what service.ts does
    });
    online.client = ca;
    await until(async () => (await blobsToUpload(a.db)).length === 0);
    expect(await relayHolds(a.keys.office)).toBe(1);

    const cb = startRelayClient(b.engine, relay.url, { Socket });
    const sb = blobSync(b, { relay: relayRoad(cb) }, [100, 100, 100, 100, 100]);
    expect(await sb.fetch(hash)).toBe(true);
    for (const stop of [sa.stop, sb.stop, ca.stop, cb.stop]) stop();
  });

  it('the same photo uploaded by two tablets is stored once, and the pieces of either serve', async () => {
    const [a, b, c] = await testOffice(3);
    const bytes = photo(140_000, '同一张照片'); // two pieces
    const hash = await putBlob(bytes, 'image/jpeg', a.db);
    await putBlob(bytes, 'image/jpeg', b.db);
    const syncs: ReturnType<typeof blobSync>[] = [];
    const clients = [a, b, c].map((d, i) =>
      startRelayClient(d.engine, relay.url, {
        Socket,
        onPhase: (phase) => void (phase === 'live' && syncs[i]?.drain())
      })
    );
    syncs.push(...[a, b].map((d, i) => blobSync(d, { relay: relayRoad(clients[i]) })));
    await until(async () => (await blobsToUpload(a.db)).length === 0);
    await until(async () => (await blobsToUpload(b.db)).length === 0);
    expect(await relayHolds(a.keys.office)).toBe(2);
    const sc = blobSync(c, { relay: relayRoad(clients[2]) }, [100, 100, 100]);
    await until(() => relayRoad(clients[2])() !== undefined);
    expect(await sc.fetch(hash)).toBe(true);
    for (const sync of [...syncs, sc]) sync.stop();
    for (const client of clients) client.stop();
  });

  it('a photo removed from its form before saving never reaches the relay; the saved one does', async () => {
    const [a] = await testOffice(1);
    const ca = startRelayClient(a.engine, relay.url, { Socket });
    const sa = blobSync(a, { relay: relayRoad(ca) });
    await until(() => relayRoad(ca)() !== undefined);
    const removed = await putDraftBlob(photo(3000, '拍错了'), 'image/jpeg', a.db);
    const kept = await putDraftBlob(photo(3000, '墙面裂缝'), 'image/jpeg', a.db);
    await sa.drain();
    expect(await relayHolds(a.keys.office)).toBe(0);
    // Saving the form is a write like any other: the uploader wakes on the op log.
    await saveEntryNaming([kept], a.db);
    await until(async () => (await relayHolds(a.keys.office)) === 1);
    const held = await relay.store.officeBlobs.get(a.keys.office, relayBlobId(a.keys, kept, 0));
    expect(held).toBeDefined();
    expect(await relay.store.officeBlobs.get(a.keys.office, relayBlobId(a.keys, removed, 0))).toBe(
      undefined
    );
    sa.stop();
    ca.stop();
  });

  it('a relay restored from an empty disk is refilled by a device that only received the photo', async () => {
    const [a, b, c] = await testOffice(3);
    const ca = startRelayClient(a.engine, relay.url, { Socket });
    const cb = startRelayClient(b.engine, relay.url, { Socket });
    const sa = blobSync(a, { relay: relayRoad(ca) });
    const sb = blobSync(b, { relay: relayRoad(cb) });
    const hash = await putBlob(photo(150_000, '楼道照片'), 'image/jpeg', a.db);
    await until(async () => (await blobsToUpload(a.db)).length === 0);
    await until(() => relayRoad(cb)() !== undefined);
    expect(await sb.fetch(hash)).toBe(true);
    expect(await blobsToUpload(b.db)).toEqual([]); // received from the relay: nothing to send
    for (const stop of [sa.stop, sb.stop, ca.stop, cb.stop]) stop();

    // The relay's disk is lost: a new relay with an empty data directory. A is gone for good.
    const emptyDir = mkdtempSync(join(tmpdir(), 'guanjia-blobs-empty-'));
    const restored = await startRelay({
      port: 0,
      host: '127.0.0.1',
      dataDir: emptyDir,
      log: () => {}
    });
    try {
      const syncs: ReturnType<typeof blobSync>[] = [];
      const clientB = startRelayClient(b.engine, restored.url, {
        Socket,
        onPhase: (phase) => void (phase === 'live' && syncs[0]?.drain())
      });
      syncs.push(blobSync(b, { relay: relayRoad(clientB) }));
      await until(async () => (await restored.store.officeBlobs.usage(b.keys.office)).pieces === 2);

      const clientC = startRelayClient(c.engine, restored.url, { Socket });
      const sc = blobSync(c, { relay: relayRoad(clientC) }, [100, 100, 100]);
      await until(() => relayRoad(clientC)() !== undefined);
      expect(await sc.fetch(hash)).toBe(true);
      expect(await sha256Hex((await getBlob(hash, c.db))!.bytes)).toBe(hash);
      for (const stop of [syncs[0].stop, sc.stop, clientB.stop, clientC.stop]) stop();
    } finally {
      await restored.close();
    }
  });
});
