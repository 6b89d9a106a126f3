import { liveQuery } from 'dexie';
import { blobsWaiting, getBlob } from '$lib/db/blobs';
import { fetchFromRelay, findLostBlobs, uploadToRelay, type BlobRelay } from './blob-relay';
import { acceptSealedBlob } from './blob-accept';
import type { SyncEngine } from './engine';
import type { DirectSession } from './peer-session';
import { syncLog } from './sync-log';

/** The roads a blob can take right now; service.ts answers from its running sessions. */
export interface BlobRoads {
  /** The relay session once it has welcomed us (undefined while away). */
  relay(): BlobRelay | undefined;
  /** Open direct sessions (WebRTC, memory in tests). */
  peers(): DirectSession[];
}

export interface BlobSync {
  /**
   * Fetch blob `hash` from another device — a direct session first (the other tablet on the
   * same LAN), then the relay —, open it, check its SHA-256 and store it. Retries a few times
   * (the device that took the photo may still be uploading it). True once it is stored here.
   */
  fetch(hash: string): Promise<boolean>;
  /**
   * Upload the queue to the relay (called when the relay session goes live); once per
   * relay session and every `auditEveryMs`, also check the relay still holds this device's
   * blobs and queue again what it lost.
   */
  drain(): Promise<void>;
  stop(): void;
}

export interface BlobSyncOptions {
  /** Waits between attempts of one fetch: about 15 s in all before the screen offers a retry. */
  retryDelaysMs?: number[];
  /** How often a connected device checks that the relay still holds its blobs (1 h). */
  auditEveryMs?: number;
}

export function startBlobSync(
  engine: SyncEngine,
  roads: BlobRoads,
  options: BlobSyncOptions = {}
): BlobSync {
  const delays = options.retryDelaysMs ?? [1000, 2000, 4000, 8000];
  const auditEveryMs = options.auditEveryMs ?? 60 * 60 * 1000;
  const inFlight = new Map<string, Promise<boolean>>();
  let stopped = false;

  const accept = (hash: string, pieces: Uint8Array[], from: string, upload: boolean) =>
    acceptSealedBlob(engine, hash, pieces, from, upload);

  async function fetchOnce(hash: string): Promise<boolean> {
    for (const session of roads.peers()) {
      const pieces = await session.wantBlob(hash);
      // Came from a device that may not reach the relay: passed on to the relay too.
      if (pieces && (await accept(hash, pieces, session.peer ?? 'peer', true))) return true;
    }
    const relay = roads.relay();
    if (!relay) return false;
    const pieces = await fetchFromRelay(relay, engine.keys, hash);
    return pieces !== undefined && (await accept(hash, pieces, 'relay', false));
  }

  async function run(hash: string): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      if (await getBlob(hash, engine.db)) return true;
      if (stopped) return false;
      try {
        if (await fetchOnce(hash)) return true;
      } catch (error) {
        syncLog('blob-fetch-failed', { error: String(error) });
      }
      const delay = delays[attempt];
      if (delay === undefined || stopped) return false;
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  let draining = false;
  let drainAgain = false;
  let audited: { relay: BlobRelay; at: number } | undefined;
  async function drain(): Promise<void> {
    if (draining) return void (drainAgain = true);
    draining = true;
    try {
      do {
        drainAgain = false;
        const relay = roads.relay();
        if (!relay || stopped) return;
        await uploadToRelay(relay, engine.keys, engine.db);
        // A new session (the relay may have restarted from an empty disk), or an hour on.
        if (audited?.relay !== relay || Date.now() - audited.at >= auditEveryMs) {
          audited = { relay, at: Date.now() };
          if (await findLostBlobs(relay, engine.keys, engine.db)) drainAgain = true;
        }
      } while (drainAgain);
    } catch (error) {
      syncLog('blob-upload-failed', { error: String(error) });
    } finally {
      draining = false;
    }
  }

  // A blob stored in any tab (a photo just taken) wakes the uploader; while some wait, so
  // does the op log growing (the form that names a draft photo was saved).
  const watch = liveQuery(async () => {
    const waiting = await blobsWaiting(engine.db);
    const state = waiting > 0 ? await engine.db.meta.get('sync') : undefined;
    return { waiting, seq: state?.vv[state.device] ?? 0 };
  }).subscribe({
    next({ waiting }) {
      if (waiting > 0) void drain();
    },
    error: (error: unknown) => syncLog('watch-failed', { error: String(error) })
  });
  const auditTimer = setInterval(() => void drain(), auditEveryMs);

  return {
    fetch(hash) {
      let pending = inFlight.get(hash);
      if (!pending) {
        pending = run(hash).finally(() => inFlight.delete(hash));
        inFlight.set(hash, pending);
      }
      return pending;
    },
    drain,
    stop() {
      stopped = true;
      watch.unsubscribe();
      clearInterval(auditTimer);
    }
  };
}
