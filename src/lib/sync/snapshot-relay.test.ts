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
import { relayBlobId, RELAY_PIECE_BYTES, sealBlob } from './blob-seal';
import { utf8 } from './crypto';
import { JOIN_FROM_OPS, latestPointer, maintainLog, publishSnapshot } from './snapshot-relay';
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
});
