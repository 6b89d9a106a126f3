import { liveQuery } from 'dexie';
import { database, type GuanjiaDexie } from '$lib/db/database';
import { write } from '$lib/db/write';
import { SCHEMA_VERSION, type VersionVector } from '$lib/oplog/format';
import { applyDeferred } from '$lib/db/commit';
import type { PeerSession, SignalListener, SyncApi } from './api';
import { startBlobSync, type BlobSync } from './blob-sync';
import { setBlobFetcher } from './blob-wants.svelte';
import { SyncEngine } from './engine';
import { loadOfficeKeys, saveOfficeKeys, type OfficeKeys } from './office-keys';
import { runPeerSession, type DirectSession } from './peer-session';
import { startRelayClient, type RelayClient } from './relay-client';
import { isRelayUrl, loadRelayUrl } from './relay-url';
import { absorbKeyGrants } from './rotation';
import { joinProgress, noteRelayVector } from '$lib/db/compact';
import { maintainLog } from './snapshot-relay';
import { watchLogGrowth } from './log-growth';
import { syncLog } from './sync-log';
import { syncStatus } from './sync-status.svelte';
import type { Transport } from './transport';
import { startDirectSync, type DirectSync } from './webrtc/direct-sync';

export interface RunningSync extends SyncApi {
  readonly engine: SyncEngine;
  readonly relay: RelayClient | undefined;
  /** Attachments: fetched on demand, uploaded from the queue (blob-sync.ts). */
  readonly blobs: BlobSync;
  /** Save new keys (rotation, revocation) and hand them to every session. */
  setKeys(keys: OfficeKeys): Promise<void>;
  /** Disconnect every road (relay and direct) until `goOnline`: an "offline" switch for tests. */
  goOffline(): void;
  goOnline(): void;
  stop(): void;
}

const COMPACT_EVERY_MS = 60 * 60_000;

let running: RunningSync | undefined;
let starting: Promise<RunningSync | undefined> | undefined;

/** The running sync, or undefined before this device belongs to an office. */
export function sync(): RunningSync | undefined {
  return running;
}

// The sync engine's own writes (the vector it reports on the device row) are attributed
// to "sync", not to whoever is signed in; the manager role only passes the table grant.
const SYNC_ACTOR = { staffId: 'sync', role: 'manager' } as const;
const SEEN_EVERY_MS = 60_000;
/** The offline switch lasts for this tab's session (reloads included). */
const OFFLINE_KEY = 'guanjia.sync.offline';

/**
 * Start syncing if this device has office keys: the relay client (reconnecting), direct
 * channels (WebRTC) signalled through it, and the status the indicator shows. Idempotent.
 */
export function startSync(db: GuanjiaDexie = database()): Promise<RunningSync | undefined> {
  if (running) return Promise.resolve(running);
  starting ??= start(db).finally(() => (starting = undefined));
  return starting;
}

/** After the relay address or the keys changed (setup, pairing): start again. */
export async function restartSync(db: GuanjiaDexie = database()): Promise<RunningSync | undefined> {
  running?.stop();
  running = undefined;
  return startSync(db);
}

async function start(db: GuanjiaDexie): Promise<RunningSync | undefined> {
  const keys = await loadOfficeKeys(db);
  if (!keys) return undefined;
  // Ops that waited for this version of the app (it was just updated) apply now.
  await applyDeferred(db).catch((error: unknown) =>
    syncLog('deferred-failed', { error: String(error) })
  );
  const engine = new SyncEngine(db, keys);
  const signalListeners = new Set<SignalListener>();
  const peerVectors = new Map<string, VersionVector>();
  let relayHave = 0;
  const stops: (() => void)[] = [];
  const sessions = new Set<DirectSession>();
  let offline = false;

  const updatePending = async (): Promise<void> => {
    const mine = (await engine.vector())[engine.device] ?? 0;
    let acked = relayHave;
    for (const v of peerVectors.values()) acked = Math.max(acked, v[engine.device] ?? 0);
    syncStatus.pending = Math.max(0, mine - acked);
  };

  const url = await loadRelayUrl(db);
  let relay: RelayClient | undefined;
  const blobs = startBlobSync(engine, {
    relay() {
      const session = relay?.session;
      return session?.phase === 'catching-up' || session?.phase === 'live' ? session : undefined;
    },
    peers: () => [...sessions].filter((s) => s.peer && s.phase !== 'closed')
  });
  setBlobFetcher((hash) => blobs.fetch(hash));
  stops.push(() => {
    blobs.stop();
    setBlobFetcher(undefined);
  });
  if (isRelayUrl(url)) {
    syncStatus.relay = 'connecting';
    // A join from a snapshot was under way (the page was reloaded): the bar shows where it
    // stood until the relay answers and the session reports again.
    const joining = await joinProgress(db);
    if (joining && joining.done < joining.total) syncStatus.progress = { ...joining };
    relay = startRelayClient(engine, url, {
      onPhase(phase) {
        if (syncStatus.relay === 'refused') return; // removed from the office: stays so
        syncStatus.relay = phase === 'closed' ? 'connecting' : phase;
        if (phase === 'live') {
          syncStatus.progress = null;
          void keepLogSmall();
          direct?.nudge();
          void publishSeen();
          void blobs.drain();
        }
      },
      onRelayVector(vector) {
        void noteRelayVector(db, vector);
      },
      onRelayHave(have) {
        relayHave = have;
        void updatePending();
      },
      onProgress(done, total) {
        syncStatus.progress = total > 0 && done < total ? { done, total } : null;
      },
      onSignal(from, data) {
        for (const listener of signalListeners) listener(from, data);
      },
      onRefused(code) {
        syncStatus.relay = 'refused';
        syncStatus.refusedCode = code;
      }
    });
    stops.push(() => relay?.stop());
  } else syncStatus.relay = 'off';

  // Pending count and "请更新应用" follow the sync state (any tab's writes, received ops).
  const watch = liveQuery(() => db.meta.get('sync')).subscribe({
    next(state) {
      syncStatus.newerSchema = (state?.newerSchemaSeen ?? 0) > SCHEMA_VERSION;
      void updatePending();
    },
    error: (error: unknown) => syncLog('watch-failed', { error: String(error) })
  });
  stops.push(() => watch.unsubscribe());

  // A rotation reaches this device as a key grant on its device row.
  const grants = liveQuery(() => db.device.get(engine.device)).subscribe({
    next(row) {
      if (row) void absorbKeyGrants(engine, row).then((k) => k && api.setKeys(k));
    },
    error: (error: unknown) => syncLog('watch-failed', { error: String(error) })
  });
  stops.push(() => grants.unsubscribe());

  // Compaction and snapshots (snapshot-relay.ts): when live, every hour, and once the log
  // has grown enough past the relay's newest snapshot and then gone quiet (log-growth.ts).
  let keeping = false;
  let covered: number | undefined;
  async function keepLogSmall(): Promise<void> {
    const session = relay?.session;
    if (keeping || session?.phase !== 'live') return;
    keeping = true;
    covered = await maintainLog(session, engine.keys, db).finally(() => (keeping = false));
  }
  const compactTimer = setInterval(() => void keepLogSmall(), COMPACT_EVERY_MS);
  const unwatchGrowth = watchLogGrowth(
    engine,
    () => covered,
    () => void keepLogSmall()
  );
  stops.push(() => {
    clearInterval(compactTimer);
    unwatchGrowth();
  });

  // '[]': a device that holds no other device's ops has nothing to acknowledge, so a lone
  // tablet never writes on its own in the background (issue 12 §7: a write nobody made landed
  // a minute into a slow browser test and was counted as the form's).
  let lastSeen = '[]';
  let lastSeenAt = 0;
  async function publishSeen(): Promise<void> {
    const vv = await engine.vector();
    const others = JSON.stringify(Object.entries(vv).filter(([d]) => d !== engine.device));
    if (others === lastSeen || Date.now() - lastSeenAt < SEEN_EVERY_MS) return;
    const row = await db.device.get(engine.device);
    if (!row || row.deleted) return;
    lastSeen = others;
    lastSeenAt = Date.now();
    try {
      await write(
        SYNC_ACTOR,
        [
          {
            op: 'update',
            table: 'device',
            id: engine.device,
            patch: { seen: vv, seenAt: lastSeenAt }
          }
        ],
        { db }
      );
    } catch (error) {
      syncLog('seen-failed', { error: String(error) });
    }
  }
  const seenTimer = setInterval(() => void publishSeen(), SEEN_EVERY_MS);
  stops.push(() => clearInterval(seenTimer));

  const api: RunningSync = {
    engine,
    relay,
    blobs,
    get device() {
      return engine.device;
    },
    get office() {
      return engine.keys.office;
    },
    connect(transport: Transport): PeerSession {
      const session = runPeerSession(engine, transport, {
        onPeerVector(device, vector) {
          peerVectors.set(device, vector);
          void updatePending();
        }
      });
      if (offline) session.close('offline');
      sessions.add(session);
      void session.done.then(() => sessions.delete(session));
      if (transport.kind === 'direct') {
        syncStatus.direct++;
        void session.done.then(() => syncStatus.direct--);
      }
      return session;
    },
    async signal(to, data) {
      const session = relay?.session;
      return session ? session.signal(to, data) : false;
    },
    onSignal(listener) {
      signalListeners.add(listener);
      return () => signalListeners.delete(listener);
    },
    async otherDevices() {
      const rows = await db.device.toArray();
      return rows.filter((r) => !r.deleted && r.id !== engine.device).map((r) => r.id);
    },
    async setKeys(next) {
      await saveOfficeKeys(db, next);
      engine.updateKeys(next);
    },
    goOffline() {
      offline = true;
      globalThis.sessionStorage?.setItem(OFFLINE_KEY, '1');
      relay?.pause();
      direct?.stop();
      for (const session of sessions) session.close('offline');
    },
    goOnline() {
      offline = false;
      globalThis.sessionStorage?.removeItem(OFFLINE_KEY);
      relay?.resume();
      if (relay) direct = startDirectSync(api, { keys: () => engine.keys });
    },
    stop() {
      for (const stop of stops) stop();
      direct?.stop();
      syncStatus.relay = 'off';
      if (running === api) running = undefined;
    }
  };
  let direct: DirectSync | undefined = relay
    ? startDirectSync(api, { keys: () => engine.keys })
    : undefined;
  running = api;
  // A tab switched offline stays offline across reloads (browser tests switch a "tablet"
  // offline this way: setOffline does not cut loopback, and no handle on the sync ships).
  if (globalThis.sessionStorage?.getItem(OFFLINE_KEY)) api.goOffline();
  return api;
}
