import {
  blobsToUpload,
  blobUploaded,
  getBlob,
  queueForRelay,
  storedBlobHashes
} from '$lib/db/blobs';
import type { GuanjiaDexie } from '$lib/db/database';
import { pieceCount, relayBlobId, RELAY_PIECE_BYTES, sealBlob } from './blob-seal';
import { currentKey, type OfficeKeys } from './office-keys';
import { MAX_BLOB_IDS, type RelayHeader } from './protocol';
import type { RelaySession } from './relay-session';
import { syncLog } from './sync-log';

/** What blob code needs of a live relay session. */
export type BlobRelay = Pick<RelaySession, 'ask'>;

const FETCH_WINDOW = 4; // pieces asked for at once

export async function askRetrying(
  relay: BlobRelay,
  header: Parameters<BlobRelay['ask']>[0],
  body?: Uint8Array
): Promise<{ header: RelayHeader; body: Uint8Array }> {
  for (;;) {
    const reply = await relay.ask(header, body);
    const answer = reply.header;
    if (answer.t !== 'error' || answer.code !== 'rate-limited') return reply;
    await new Promise((r) => setTimeout(r, answer.retryAfterMs ?? 1000));
  }
}

/**
 * The sealed pieces of blob `hash` from the relay, in order; undefined when the relay does
 * not hold them (not uploaded yet, or an upload cut short).
 */
export async function fetchFromRelay(
  relay: BlobRelay,
  keys: OfficeKeys,
  hash: string
): Promise<Uint8Array[] | undefined> {
  const get = async (part: number): Promise<Uint8Array | undefined> => {
    const reply = await askRetrying(relay, {
      t: 'office-blob-get',
      id: relayBlobId(keys, hash, part)
    });
    return reply.header.t === 'office-blob' ? reply.body : undefined;
  };
  const first = await get(0);
  if (!first) return undefined;
  const count = pieceCount(first);
  if (count === undefined) return [first]; // opening it reports the damage
  const pieces = [first];
  for (let part = 1; part < count; part += FETCH_WINDOW) {
    const parts = Array.from({ length: Math.min(FETCH_WINDOW, count - part) }, (_, i) => part + i);
    const got = await Promise.all(parts.map(get));
    if (got.some((p) => !p)) return undefined;
    pieces.push(...(got as Uint8Array[]));
  }
  return pieces;
}

/**
 * Hand the relay every blob of the upload queue it lacks. Piece 0 goes last, so an address
 * the relay lists as held means a whole blob (the `office-blob-has` check asks for piece 0).
 * Stops at the first refusal other than rate limiting (quota, size): the queue keeps the
 * rest for the next connection. Returns how many blobs left the queue.
 */
export async function uploadToRelay(
  relay: BlobRelay,
  keys: OfficeKeys,
  db: GuanjiaDexie
): Promise<number> {
  let done = 0;
  for (;;) {
    const hashes = await blobsToUpload(db, MAX_BLOB_IDS);
    if (!hashes.length) return done;
    const ids = hashes.map((hash) => relayBlobId(keys, hash, 0));
    const reply = await askRetrying(relay, { t: 'office-blob-has', ids });
    if (reply.header.t !== 'office-blob-missing') return done;
    const missing = new Set(reply.header.ids);
    for (const [i, hash] of hashes.entries()) {
      if (missing.has(ids[i]) && !(await uploadOne(relay, keys, db, hash))) return done;
      await blobUploaded(hash, db);
      done++;
    }
  }
}

const AUDIT_CURSOR = 'blobs.audit';

/**
 * A relay restored from an empty disk (or an old backup) no longer holds blobs whose
 * uploaders have long emptied their queues. Ask it about the blobs this device holds (taken
 * here or received), 256 at a time in hash order from where the last look stopped, and
 * queue what it lacks. Hash order is random in time, so one window is a fair sample: a
 * window with nothing missing ends the look (one question per connection when all is well);
 * while windows find losses it goes on, at most once round. Returns how many were queued.
 */
export async function findLostBlobs(
  relay: BlobRelay,
  keys: OfficeKeys,
  db: GuanjiaDexie
): Promise<number> {
  const start = String((await db.local.get(AUDIT_CURSOR))?.value ?? '');
  let cursor = start;
  let wrapped = false;
  let queued = 0;
  for (;;) {
    let hashes = await storedBlobHashes(cursor, MAX_BLOB_IDS, db);
    if (wrapped) hashes = hashes.filter((h) => h <= start);
    if (!hashes.length) {
      if (wrapped || !start) return queued; // once round
      wrapped = true;
      cursor = '';
      continue;
    }
    const ids = hashes.map((hash) => relayBlobId(keys, hash, 0));
    const reply = await askRetrying(relay, { t: 'office-blob-has', ids });
    if (reply.header.t !== 'office-blob-missing') return queued;
    const missing = new Set(reply.header.ids);
    const lost = hashes.filter((_, i) => missing.has(ids[i]));
    cursor = hashes[hashes.length - 1];
    await queueForRelay(lost, db);
    await db.local.put({ key: AUDIT_CURSOR, value: cursor });
    if (!lost.length) return queued;
    queued += lost.length;
    syncLog('blobs-lost-at-relay', { count: lost.length });
  }
}

async function uploadOne(
  relay: BlobRelay,
  keys: OfficeKeys,
  db: GuanjiaDexie,
  hash: string
): Promise<boolean> {
  const blob = await getBlob(hash, db);
  if (!blob) return true; // nothing left to send
  const pieces = await sealBlob(keys, hash, blob.type, blob.bytes, {
    pieceBytes: RELAY_PIECE_BYTES,
    epoch: currentKey(keys).epoch
  });
  for (let part = pieces.length - 1; part >= 0; part--) {
    const reply = await askRetrying(
      relay,
      { t: 'office-blob-put', id: relayBlobId(keys, hash, part) },
      pieces[part]
    );
    if (reply.header.t !== 'office-blob-stored') {
      const error = reply.header.t === 'error' ? reply.header : undefined;
      syncLog('blob-upload-failed', { code: error?.code, message: error?.message });
      return false;
    }
  }
  return true;
}
