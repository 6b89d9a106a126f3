import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../relay';
import { rowState } from '$lib/oplog/format';
import { write, type Actor } from '$lib/db/write';
import { syncState } from '$lib/db/sync-state';
import { joinProgress, type JoinProgressNote } from '$lib/db/compact';
import type { GuanjiaDexie } from '$lib/db/database';
import { startRelayClient, type RelayClient } from './relay-client';
import { piecesFor, relayBlobId, RELAY_PIECE_BYTES, sealBlob } from './blob-seal';
import type { BlobRelay } from './blob-relay';
import { utf8 } from './crypto';
import type { OfficeKeys } from './office-keys';
import {
  JOIN_FROM_OPS,
  latestPointer,
  maintainLog,
  publishSnapshot,
  type SnapshotPointer
} from './snapshot-relay';
import { recentSyncLog } from './sync-log';
import { testOffice } from './test-office';
import type { WebSocketClass } from './websocket-transport';

/**
 * Issue 12 §5 through a real relay: a device publishes a snapshot (sealed office blobs); a
 * new device joins from it and pulls only the tail, and ends with the same rows. A snapshot
 * the relay serves damaged is refused and the device replays the log instead.
 */
const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
const Socket = WebSocket as unknown as WebSocketClass;
let relay: RunningRelay;

beforeAll(async () => {
  relay = await startRelay({
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(join(tmpdir(), 'guanjia-snapshot-')),
    log: () => {}
  });
});
afterAll(() => relay?.close());

async function until(check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function people(db: GuanjiaDexie) {
  return (await db.person.toArray())
    .map(rowState)
    .sort((x, y) => (String(x.fields.id) < String(y.fields.id) ? -1 : 1));
}

async function officeWithHistory() {
  const [a, b] = await testOffice(2);
  // More ops than a new device would rather replay, in a few writes.
  const names = Array.from({ length: JOIN_FROM_OPS + 100 }, (_, i) => `住户${i}`);
  for (let i = 0; i < names.length; i += 500)
    await write(
      desk,
      names.slice(i, i + 500).map((name) => ({
        op: 'create' as const,
        table: 'person' as const,
        value: { name, phones: [] }
      })),
      { db: a.db }
    );
  const ca = startRelayClient(a.engine, relay.url, { Socket });
  const own = (await syncState(a.db)).vv[a.engine.device];
  let live = false;
  const probe = startRelayClient(a.engine, relay.url, {
    Socket,
    onRelayHave: (have) => (live = have >= own)
  });
  await until(() => live);
  probe.stop();
  return { a, b, ca };
}

function session(client: RelayClient) {
  const s = client.session;
  if (!s) throw new Error('no session');
  return s;
}

describe('joining from a snapshot at the relay', () => {
  it('a new device starts from the snapshot, pulls the tail, ends equal', async () => {
    const { a, b, ca } = await officeWithHistory();
    await until(() => ca.session?.phase === 'live');
    const pointer = await publishSnapshot(session(ca), a.keys, a.db);
    expect(pointer.parts.length).toBe(2);
    // The tail: an edit after the snapshot.
    const [first] = await a.db.person.limit(1).toArray();
    await write(desk, [{ op: 'update', table: 'person', id: first.id, patch: { notes: '之后' } }], {
      db: a.db
    });
    const parts: number[] = [];
    const progress: [number, number][] = [];
    // What a reload mid-join would show at once: the join's progress as stored after part 0.
    let kept: Promise<JoinProgressNote | undefined> | undefined;
    const cb = startRelayClient(b.engine, relay.url, {
      Socket,
      onSnapshotPart: (p) => {
        parts.push(p);
        if (p === 0) kept = joinProgress(b.db);
      },
      onProgress: (done, total) => progress.push([done, total])
    });
    await until(async () => (await b.db.person.get(first.id))?.notes === '之后');
    expect(parts).toEqual([0, 1]);
    expect(progress.length).toBeGreaterThan(1);
    const total = progress[0][1];
    const midway = await kept;
    expect(midway?.total).toBe(total);
    expect(midway?.done).toBeGreaterThan(0);
    expect(midway?.done).toBeLessThanOrEqual(total);
    expect(await joinProgress(b.db)).toBeUndefined();
    expect(await people(b.db)).toEqual(await people(a.db));
    // B's log holds the tail only: the snapshot stood in for the history.
    expect(await b.db.oplog.count()).toBeLessThan(await a.db.oplog.count());
    ca.stop();
    cb.stop();
  });

  it('a foreign snapshot (sealed with another office’s key) is refused; the device replays', async () => {
    const { a, b, ca } = await officeWithHistory();
    const [stranger] = await testOffice(1);
    await until(() => ca.session?.phase === 'live');
    // Whoever writes at the next pointer's address (a relay that misbehaves) without the
    // office's key: it does not open, nothing is stored, the device replays the log.
    const name = 'snapshot-pointer/1';
    const [piece] = await sealBlob(stranger.keys, name, 'application/json', utf8('{"v":1}'), {
      pieceBytes: RELAY_PIECE_BYTES,
      epoch: 1
    });
    const put = await session(ca).ask(
      { t: 'office-blob-put', id: relayBlobId(a.keys, name, 0) },
      piece
    );
    expect(put.header.t).toBe('office-blob-stored');
    expect(await latestPointer(session(ca), a.keys)).toBeUndefined();
    const parts: number[] = [];
    const cb = startRelayClient(b.engine, relay.url, {
      Socket,
      onSnapshotPart: (p) => parts.push(p)
    });
    await until(async () => (await b.db.person.count()) === (await a.db.person.count()));
    expect(parts).toEqual([]);
    expect(recentSyncLog.some((l) => l.reason === 'snapshot-pointer')).toBe(true);
    const held = async (db: GuanjiaDexie) =>
      Object.entries((await syncState(db)).vv).filter(([, seq]) => seq > 0);
    expect(await held(b.db)).toEqual(await held(a.db));
    expect(await people(b.db)).toEqual(await people(a.db));
    ca.stop();
    cb.stop();
  });

  it('after the relay pruned the compacted range, a new device joins from snapshot + tail and ends identical', async () => {
    // Few ops (below JOIN_FROM_OPS): without the relay's floor C would replay the log, and
    // the log's start is gone.
    const [a, b, c] = await testOffice(3);
    await write(
      desk,
      Array.from({ length: 40 }, (_, i) => ({
        op: 'create' as const,
        table: 'person' as const,
        value: { name: `住户${i}`, phones: [] }
      })),
      { db: a.db }
    );
    const [first] = await a.db.person.limit(1).toArray();
    await write(desk, [{ op: 'update', table: 'person', id: first.id, patch: { notes: '之前' } }], {
      db: a.db
    });
    const ca = startRelayClient(a.engine, relay.url, { Socket });
    const cb = startRelayClient(b.engine, relay.url, { Socket });
    await until(async () => (await b.db.person.get(first.id))?.notes === '之前');
    await until(() => ca.session?.phase === 'live' && cb.session?.phase === 'live');
    // Both hold everything: B says so (as after a catch-up), A publishes and asks to prune.
    await session(cb).ask({ t: 'holds', vector: (await syncState(b.db)).vv });
    const pointer = await publishSnapshot(session(ca), a.keys, a.db);
    await maintainLog(session(ca), a.keys, a.db);
    expect(recentSyncLog.some((l) => l.event === 'relay-pruned')).toBe(true);
    const gone = await session(ca).ask({ t: 'prune', vector: pointer.vv });
    expect(gone.header.t === 'pruned' && gone.header.floor[a.engine.device]).toBe(
      pointer.vv[a.engine.device]
    );
    // The tail: edits after the snapshot, from both devices.
    await write(desk, [{ op: 'update', table: 'person', id: first.id, patch: { notes: '之后' } }], {
      db: a.db
    });
    await write(desk, [{ op: 'create', table: 'person', value: { name: '新住户', phones: [] } }], {
      db: b.db
    });
    await until(async () => (await a.db.person.count()) === 41);
    const parts: number[] = [];
    const cc = startRelayClient(c.engine, relay.url, {
      Socket,
      onSnapshotPart: (p) => parts.push(p)
    });
    await until(
      async () =>
        (await c.db.person.get(first.id))?.notes === '之后' && (await c.db.person.count()) === 41
    );
    expect(parts.length).toBeGreaterThan(0);
    expect(await people(c.db)).toEqual(await people(a.db));
    expect(await people(c.db)).toEqual(await people(b.db));
    ca.stop();
    cb.stop();
    cc.stop();
  });

  it('three publishes leave the newest two snapshots at the relay, a photo stays, a new device joins from the newest', async () => {
    const { a, b, ca } = await officeWithHistory();
    await until(() => ca.session?.phase === 'live');
    const s = session(ca);
    const office = a.keys.office;
    // Any other office blob (a photo): the drop never names it.
    const photo = await putPhoto(s, a.keys);
    const [first] = await a.db.person.limit(1).toArray();
    const relayHolds = async () => {
      const vv = (await syncState(a.db)).vv;
      const at = await relay.store.vector(office);
      return Object.entries(vv).every(([d, seq]) => (at[d] ?? 0) >= seq);
    };
    const pointers: SnapshotPointer[] = [];
    let before = { pieces: 0, bytes: 0, office: 0 };
    for (let i = 1; i <= 3; i++) {
      // A change between publishes: the part holding it differs; the other part may not.
      await write(
        desk,
        [{ op: 'update', table: 'person', id: first.id, patch: { notes: `第${i}次` } }],
        { db: a.db }
      );
      await until(relayHolds);
      before = {
        ...(await relay.store.officeBlobs.usage(office)),
        office: (await relay.store.office(office))?.bytes ?? 0
      };
      pointers.push(await publishSnapshot(s, a.keys, a.db));
    }
    const published = recentSyncLog.filter((l) => l.event === 'snapshot-published').slice(-3);
    expect(published.map((l) => l.k)).toEqual([1, 2, 3]);
    const kept = snapshotIds(a.keys, pointers.slice(1), [2, 3]);
    const gone = snapshotIds(a.keys, pointers.slice(0, 1), [1]).filter((id) => !kept.includes(id));
    expect(gone.length).toBeGreaterThan(0);
    expect(await missing(s, [...kept, photo])).toEqual([]);
    expect(await missing(s, gone)).toEqual(gone);
    // Exactly those: the newest two snapshots (pointers and parts) and the photo.
    const usage = await relay.store.officeBlobs.usage(office);
    expect(usage.pieces).toBe(kept.length + 1);
    // The office's bytes (its quota) went down with the dropped pieces, in step.
    const officeBytes = (await relay.store.office(office))?.bytes ?? 0;
    expect(officeBytes - before.office).toBe(usage.bytes - before.bytes);
    let keptBytes = 0;
    for (const id of [...kept, photo])
      keptBytes += (await relay.store.officeBlobs.get(office, id))?.length ?? 0;
    expect(usage.bytes).toBe(keptBytes);
    const dropped = recentSyncLog.filter((l) => l.event === 'snapshot-dropped').at(-1);
    expect(dropped?.snapshots).toBe(1);
    expect(dropped?.bytes).toBeGreaterThan(0);

    // Pointer 1 is gone: the lookup still finds the newest, and the next publish is 4.
    expect((await latestPointer(s, a.keys))?.k).toBe(3);
    await write(desk, [{ op: 'update', table: 'person', id: first.id, patch: { notes: '之后' } }], {
      db: a.db
    });
    await until(relayHolds);
    pointers.push(await publishSnapshot(s, a.keys, a.db));
    expect(recentSyncLog.filter((l) => l.event === 'snapshot-published').at(-1)?.k).toBe(4);
    const keptNow = snapshotIds(a.keys, pointers.slice(2), [3, 4]);
    expect(await missing(s, [...keptNow, photo])).toEqual([]);
    expect(await missing(s, [relayBlobId(a.keys, 'snapshot-pointer/2', 0)])).toHaveLength(1);
    expect((await relay.store.officeBlobs.usage(office)).pieces).toBe(keptNow.length + 1);

    // A new device joins from the newest snapshot (4) and ends identical.
    const joins = () => recentSyncLog.filter((l) => l.event === 'snapshot-joined');
    const joinsBefore = joins().length;
    const cb = startRelayClient(b.engine, relay.url, { Socket });
    await until(() => cb.session?.phase === 'live');
    expect(
      joins()
        .slice(joinsBefore)
        .map((l) => l.k)
    ).toEqual([4]);
    await until(async () => (await b.db.person.count()) === (await a.db.person.count()));
    expect(await people(b.db)).toEqual(await people(a.db));
    ca.stop();
    cb.stop();
  });

  it('a relay without office-blob-drop: nothing is dropped, publishing goes on', async () => {
    const { a, ca } = await officeWithHistory();
    await until(() => ca.session?.phase === 'live');
    const s = session(ca);
    // What a relay of before answers an unknown request.
    const old: BlobRelay = {
      ask: (header, body) =>
        header.t === 'office-blob-drop'
          ? Promise.resolve({
              header: { t: 'error', re: 0, code: 'malformed', message: 'header: invalid' },
              body: new Uint8Array(0)
            })
          : s.ask(header, body)
    };
    const pointers: SnapshotPointer[] = [];
    for (let i = 0; i < 3; i++) pointers.push(await publishSnapshot(old, a.keys, a.db));
    expect(await missing(s, snapshotIds(a.keys, pointers, [1, 2, 3]))).toEqual([]);
    expect((await latestPointer(s, a.keys))?.k).toBe(3);
    expect(recentSyncLog.at(-1)).toMatchObject({
      event: 'snapshot-drop-refused',
      code: 'malformed'
    });
    ca.stop();
  });
});

/** The relay addresses of snapshots' pointers (numbered `ks`) and of their parts' pieces. */
function snapshotIds(keys: OfficeKeys, pointers: SnapshotPointer[], ks: number[]): string[] {
  const ids = new Set<string>();
  for (const [i, pointer] of pointers.entries()) {
    ids.add(relayBlobId(keys, `snapshot-pointer/${ks[i]}`, 0));
    for (const part of pointer.parts) {
      const count = piecesFor('application/x-guanjia-snapshot', part.bytes, RELAY_PIECE_BYTES);
      for (let p = 0; p < count; p++) ids.add(relayBlobId(keys, part.hash, p));
    }
  }
  return [...ids];
}

async function missing(relay: BlobRelay, ids: string[]): Promise<string[]> {
  const reply = await relay.ask({ t: 'office-blob-has', ids });
  if (reply.header.t !== 'office-blob-missing') throw new Error(reply.header.t);
  return reply.header.ids;
}

async function putPhoto(relay: BlobRelay, keys: OfficeKeys): Promise<string> {
  const hash = 'ab'.repeat(32);
  const [piece] = await sealBlob(keys, hash, 'image/jpeg', utf8('照片'), {
    pieceBytes: RELAY_PIECE_BYTES,
    epoch: 1
  });
  const id = relayBlobId(keys, hash, 0);
  expect((await relay.ask({ t: 'office-blob-put', id }, piece)).header.t).toBe(
    'office-blob-stored'
  );
  return id;
}
