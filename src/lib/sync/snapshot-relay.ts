import { deflateSync } from 'fflate';
import { inflateRaw } from './crypto/inflate';
import { z } from 'zod';
import { SCHEMA_VERSION, type VersionVector } from '$lib/oplog/format';
import {
  decodeSnapshotPart,
  encodeSnapshotPart,
  SnapshotError,
  type SnapshotPart
} from '$lib/oplog/snapshot';
import {
  applySnapshotPart,
  buildSnapshot,
  compactLog,
  finishSnapshot,
  noteJoinProgress,
  noteSnapshot,
  type BuiltSnapshot,
  type SnapshotMerge
} from '$lib/db/compact';
import type { GuanjiaDexie } from '$lib/db/database';
import { askRetrying, fetchFromRelay, type BlobRelay } from './blob-relay';
import {
  BlobSealError,
  openBlob,
  piecesFor,
  relayBlobId,
  RELAY_PIECE_BYTES,
  sealBlob
} from './blob-seal';
import { fromUtf8, toHex, utf8 } from './crypto';
import { currentKey, type OfficeKeys } from './office-keys';
import { MAX_BLOB_IDS } from './protocol';
import { syncLog } from './sync-log';

/**
 * Snapshots at the relay (issue 12 §5): a device publishes its rows as a snapshot
 * (db/compact.ts), and a new device starts from the newest one and pulls only the tail.
 *
 * A snapshot part travels as an office blob: deflated JSON, sealed piece by piece with the
 * office key (blob-seal.ts), under its plaintext SHA-256, which the reader checks — the relay
 * sees ciphertext and sizes only. Which snapshot is newest: pointers, also sealed office
 * blobs, numbered 1, 2, 3… under addresses only the office can derive; a pointer lists the
 * parts' hashes, the vector the snapshot covers, and its rows (the progress bar). Pieces are
 * written once, so pointer k never changes; two devices publishing at once both write k, one
 * wins, and either snapshot is right (any device's rows are a correct snapshot of its vector).
 * After a publish, snapshots older than the newest two are dropped (dropOldSnapshots).
 */

const MEDIA_TYPE = 'application/x-guanjia-snapshot';
/** A device publishes again once the office's log has grown this much past the last one. */
export const PUBLISH_EVERY_OPS = 20_000;
/** A log of fewer chunks is not compacted. */
export const COMPACT_FROM_CHUNKS = 5_000;
/** Below this many ops to catch up a new device just replays them. */
export const JOIN_FROM_OPS = 2_000;

const pointerSchema = z.object({
  v: z.literal(1),
  vv: z.record(z.string().min(1).max(64), z.number().int().nonnegative()),
  hlc: z.string().max(80),
  sv: z.number().int().nonnegative(),
  parts: z
    .array(
      z.object({
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        rows: z.number().int().nonnegative(),
        bytes: z.number().int().nonnegative()
      })
    )
    .min(1)
    .max(64)
});
export type SnapshotPointer = z.infer<typeof pointerSchema>;

const pointerName = (k: number): string => `snapshot-pointer/${k}`;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource)));
}

/** Put a blob's sealed pieces, piece 0 last (a held piece 0 means a whole blob). */
async function putPieces(relay: BlobRelay, keys: OfficeKeys, name: string, pieces: Uint8Array[]) {
  for (let part = pieces.length - 1; part >= 0; part--) {
    const reply = await askRetrying(
      relay,
      { t: 'office-blob-put', id: relayBlobId(keys, name, part), snapshot: true },
      pieces[part]
    );
    if (reply.header.t !== 'office-blob-stored') {
      const error = reply.header.t === 'error' ? reply.header : undefined;
      throw new Error(`snapshot upload refused: ${error?.code ?? reply.header.t}`);
    }
  }
}

async function sealAndPut(
  relay: BlobRelay,
  keys: OfficeKeys,
  name: string,
  bytes: Uint8Array
): Promise<void> {
  const pieces = await sealBlob(keys, name, MEDIA_TYPE, bytes, {
    pieceBytes: RELAY_PIECE_BYTES,
    epoch: currentKey(keys).epoch
  });
  await putPieces(relay, keys, name, pieces);
}

/**
 * Pointers kept whatever their age: every LANDMARK-th (256, 512…; only their parts go). The
 * lookup walks from 1 in windows of LANDMARK numbers, each ending on a landmark: a window
 * whose landmark is held means the newest pointer lies further on, so old pointers may be
 * dropped (dropOldSnapshots) without losing the way to the newest — nor may a leftover of a
 * crash mid-drop (a gap anywhere below the newest) stop the walk early.
 */
const LANDMARK = MAX_BLOB_IDS;
/** Snapshots kept at the relay: the newest, and the one before (a device may be mid-join on it). */
export const KEEP_SNAPSHOTS = 2;
/** A part inflated: the large demo office's whole snapshot is ~85 MiB of JSON; a bound, not a budget. */
const MAX_PART_BYTES = 1024 * 1024 * 1024;

/** Which of the pointers `ks` (at most MAX_BLOB_IDS) the relay holds; undefined: it did not say. */
async function heldPointers(
  relay: BlobRelay,
  keys: OfficeKeys,
  ks: number[]
): Promise<number[] | undefined> {
  const ids = ks.map((k) => relayBlobId(keys, pointerName(k), 0));
  const reply = await askRetrying(relay, { t: 'office-blob-has', ids });
  if (reply.header.t !== 'office-blob-missing') return undefined;
  const missing = new Set(reply.header.ids);
  return ks.filter((_, i) => !missing.has(ids[i]));
}

/** The newest pointer's number (0: none). Publishing writes the next one. */
async function pointerCount(relay: BlobRelay, keys: OfficeKeys): Promise<number> {
  let newest = 0;
  for (let from = 1; ; from += LANDMARK) {
    const ks = Array.from({ length: LANDMARK }, (_, i) => from + i);
    const held = await heldPointers(relay, keys, ks);
    if (!held) return newest;
    if (held.length) newest = held[held.length - 1];
    if (newest !== ks[ks.length - 1]) return newest; // this window's landmark is not held
  }
}

type ReadPointer =
  | { state: 'missing' }
  | { state: 'unreadable' }
  | { state: 'ok'; pointer: SnapshotPointer; pieces: number };

async function readPointer(relay: BlobRelay, keys: OfficeKeys, k: number): Promise<ReadPointer> {
  const pieces = await fetchFromRelay(relay, keys, pointerName(k));
  if (!pieces) return { state: 'missing' };
  try {
    const { bytes } = await openBlob(keys, pointerName(k), pieces);
    const pointer = pointerSchema.parse(JSON.parse(fromUtf8(bytes)));
    return { state: 'ok', pointer, pieces: pieces.length };
  } catch (error) {
    syncLog('reject', { from: 'relay', reason: 'snapshot-pointer', message: String(error) });
    return { state: 'unreadable' };
  }
}

/** The newest snapshot pointer the relay holds, or undefined (none, or unreadable). */
export async function latestPointer(
  relay: BlobRelay,
  keys: OfficeKeys
): Promise<{ k: number; pointer: SnapshotPointer } | undefined> {
  const k = await pointerCount(relay, keys);
  if (!k) return undefined;
  const read = await readPointer(relay, keys, k);
  return read.state === 'ok' ? { k, pointer: read.pointer } : undefined;
}

/** What dropOldSnapshots freed at the relay. */
export interface SnapshotsDropped {
  /** Old pointers whose snapshot went (landmark pointers stay, their parts go). */
  snapshots: number;
  pieces: number;
  bytes: number;
}

/**
 * Snapshots older than the newest KEEP_SNAPSHOTS leave the relay (issue 12 §5): without this
 * the office's storage (and quota) grew by a whole snapshot at every publish. Called after a
 * publish. The newest two are read first and every part they name is kept (a part whose
 * content did not change has the same address in both); if either cannot be read, nothing
 * is dropped. Then, oldest first, each older pointer is opened and its parts' pieces are
 * dropped, the pointer's own pieces last (in the last frame): a crash in between leaves a
 * pointer the next publish's drop opens again (unknown ids are ignored), never parts without
 * a pointer that names them. Only addresses derived from snapshot pointers are named, so no
 * photo or signature can be touched. A relay without `office-blob-drop` answers an error:
 * nothing is dropped and this stops.
 */
export async function dropOldSnapshots(
  relay: BlobRelay,
  keys: OfficeKeys
): Promise<SnapshotsDropped> {
  const dropped: SnapshotsDropped = { snapshots: 0, pieces: 0, bytes: 0 };
  const newest = await pointerCount(relay, keys);
  const oldestKept = newest - KEEP_SNAPSHOTS + 1;
  if (oldestKept <= 1) return dropped;
  const kept = new Set<string>();
  for (let k = oldestKept; k <= newest; k++) {
    const read = await readPointer(relay, keys, k);
    // Its parts unknown (unreadable, or not fetched whatever the reason): keep everything.
    if (read.state !== 'ok') return dropped;
    for (const part of read.pointer.parts) kept.add(part.hash);
  }
  for (let from = 1; from < oldestKept; from += LANDMARK) {
    const ks = Array.from({ length: Math.min(LANDMARK, oldestKept - from) }, (_, i) => from + i);
    const held = await heldPointers(relay, keys, ks);
    if (!held) return dropped;
    for (const k of held) {
      const read = await readPointer(relay, keys, k);
      // Gone meanwhile (another device dropped it), or not ours to read: left as it is.
      if (read.state !== 'ok') continue;
      const ids: string[] = [];
      for (const part of read.pointer.parts) {
        if (kept.has(part.hash)) continue;
        const count = piecesFor(MEDIA_TYPE, part.bytes, RELAY_PIECE_BYTES);
        for (let i = 0; i < count; i++) ids.push(relayBlobId(keys, part.hash, i));
      }
      if (k % LANDMARK !== 0)
        for (let i = 0; i < read.pieces; i++) ids.push(relayBlobId(keys, pointerName(k), i));
      let pieces = 0;
      for (let i = 0; i < ids.length; i += MAX_BLOB_IDS) {
        const reply = await askRetrying(relay, {
          t: 'office-blob-drop',
          ids: ids.slice(i, i + MAX_BLOB_IDS)
        });
        if (reply.header.t !== 'office-blob-dropped') {
          // A relay of before (malformed), or this device revoked: nothing more is asked.
          const code = reply.header.t === 'error' ? reply.header.code : reply.header.t;
          syncLog('snapshot-drop-refused', { code });
          return dropped;
        }
        pieces += reply.header.ids.length;
        dropped.bytes += reply.header.bytes;
      }
      dropped.pieces += pieces;
      if (pieces) dropped.snapshots++;
    }
  }
  if (dropped.pieces)
    syncLog('snapshot-dropped', {
      snapshots: dropped.snapshots,
      pieces: dropped.pieces,
      bytes: dropped.bytes
    });
  return dropped;
}

/** Seal and upload a snapshot of this device, then its pointer; then drop the old ones. */
export async function publishSnapshot(
  relay: BlobRelay,
  keys: OfficeKeys,
  db: GuanjiaDexie,
  built?: BuiltSnapshot
): Promise<SnapshotPointer> {
  const snapshot = built ?? (await buildSnapshot(db, keys.office));
  const parts: SnapshotPointer['parts'] = [];
  for (const [i, part] of snapshot.parts.entries()) {
    const bytes = deflateSync(utf8(encodeSnapshotPart(part)), { level: 6 });
    const hash = await sha256Hex(bytes);
    await sealAndPut(relay, keys, hash, bytes);
    parts.push({ hash, rows: snapshot.rows[i], bytes: bytes.length });
  }
  const pointer: SnapshotPointer = {
    v: 1,
    vv: snapshot.vv,
    hlc: snapshot.hlc,
    sv: SCHEMA_VERSION,
    parts
  };
  const k = (await pointerCount(relay, keys)) + 1;
  await sealAndPut(relay, keys, pointerName(k), utf8(JSON.stringify(pointer)));
  const rows = snapshot.rows.reduce((a, b) => a + b, 0);
  await noteSnapshot(db, { kind: 'published', at: Date.now(), rows });
  syncLog('snapshot-published', { k, rows: snapshot.rows, bytes: parts.map((p) => p.bytes) });
  // The pointer is out: older snapshots may go. A failure costs only storage until the next
  // publish drops again; the snapshot is published either way.
  await dropOldSnapshots(relay, keys).catch((error: unknown) =>
    syncLog('compact-failed', { error: `snapshot drop: ${String(error)}` })
  );
  return pointer;
}

/** A part from the relay: opened, hash-checked, inflated and validated whole. */
async function fetchPart(relay: BlobRelay, keys: OfficeKeys, hash: string): Promise<SnapshotPart> {
  const pieces = await fetchFromRelay(relay, keys, hash);
  if (!pieces) throw new SnapshotError('snapshot part missing at the relay');
  let bytes: Uint8Array;
  try {
    bytes = (await openBlob(keys, hash, pieces)).bytes;
  } catch (error) {
    throw new SnapshotError(
      error instanceof BlobSealError ? `snapshot ${error.reason}` : 'snapshot unreadable'
    );
  }
  if ((await sha256Hex(bytes)) !== hash) throw new SnapshotError('snapshot hash mismatch');
  let text: string;
  try {
    text = fromUtf8(await inflateRaw(bytes, MAX_PART_BYTES));
  } catch {
    throw new SnapshotError('snapshot does not inflate');
  }
  return decodeSnapshotPart(text, keys.office);
}

const total = (vv: VersionVector, except?: string): number =>
  Object.entries(vv).reduce((n, [d, s]) => (d === except ? n : n + s), 0);

/** Rows merged so far, of the snapshot's rows plus the ops of the tail still to come. */
export type JoinProgress = (done: number, total: number) => void;

/**
 * Start this device from the relay's newest snapshot when that saves replaying at least
 * JOIN_FROM_OPS ops (`relayVector`: what the relay holds). Part 0 (office, staff,
 * households, open requests) is merged first: the desk works from then on while part 1 is
 * fetched and merged after it. Returns the snapshot's vector (the tail is pulled above it), its rows
 * and the tail's ops, or
 * undefined when it did not join from a snapshot — nothing stored then, beyond rows of
 * parts merged (which the replay makes whole, last-writer-wins).
 */
export async function joinFromSnapshot(
  relay: BlobRelay,
  keys: OfficeKeys,
  db: GuanjiaDexie,
  mine: VersionVector,
  relayVector: VersionVector,
  onProgress?: JoinProgress,
  /** Part i merged (part 0: the desk works from here on). */
  onPart?: (i: number) => void,
  /** Per author, ops the relay no longer holds (pruned after compaction: welcome's floor). */
  floor: VersionVector = {}
): Promise<{ vv: VersionVector; rows: number; tail: number } | undefined> {
  // Below the relay's floor the log cannot be replayed: the snapshot is the only road.
  const mustJoin = Object.entries(floor).some(
    ([d, seq]) => d !== keys.device && (mine[d] ?? 0) < seq
  );
  if (!mustJoin && total(relayVector, keys.device) - total(mine, keys.device) < JOIN_FROM_OPS)
    return;
  const latest = await latestPointer(relay, keys);
  if (!latest) return;
  const { pointer } = latest;
  // A snapshot of a newer app may hold tables this one lacks: replay ops instead (they wait).
  // Another app version's rows (tables this one lacks, or rows an update would migrate):
  // this device replays the ops instead, which wait or migrate as they should.
  if (pointer.sv !== SCHEMA_VERSION) {
    if (mustJoin)
      syncLog('reject', {
        from: 'relay',
        reason: 'snapshot',
        message: `below the relay's floor, snapshot of schema ${pointer.sv}`
      });
    return;
  }
  if (!mustJoin && total(pointer.vv, keys.device) - total(mine, keys.device) < JOIN_FROM_OPS)
    return;
  const rows = pointer.parts.reduce((n, p) => n + p.rows, 0);
  const tail = Math.max(0, total(relayVector, keys.device) - total(pointer.vv, keys.device));
  onProgress?.(0, rows + tail);
  // Kept on the device as it goes (a reload mid-join shows it at once), one write after the
  // other; a failed note costs the join nothing.
  let kept = noteJoinProgress(db, { done: 0, total: rows + tail }).catch(() => {});
  const keep = (n: number | undefined): Promise<void> =>
    (kept = kept
      .then(() =>
        noteJoinProgress(db, n === undefined ? undefined : { done: n, total: rows + tail })
      )
      .catch(() => {}));
  try {
    let done = 0;
    const merge: SnapshotMerge = { putSoFar: new Map() };
    let roles: SnapshotPart['roles'];
    for (const [i, info] of pointer.parts.entries()) {
      // One after the other: opening the large part (inflate, JSON, zod on this thread)
      // while the desk's part merges would hold the desk back by as much.
      const part = await fetchPart(relay, keys, info.hash);
      roles ??= part.roles;
      const base = done;
      await applySnapshotPart(
        db,
        part,
        (n) => {
          onProgress?.(base + n, rows + tail);
          void keep(base + n);
        },
        merge
      );
      done += info.rows;
      await kept;
      onPart?.(i);
    }
    await finishSnapshot(db, pointer.vv, pointer.hlc, Date.now(), roles);
    await noteSnapshot(db, { kind: 'joined', at: Date.now(), rows });
    await keep(undefined);
    syncLog('snapshot-joined', { k: latest.k, rows });
    return { vv: pointer.vv, rows, tail };
  } catch (error) {
    await keep(undefined);
    syncLog('reject', {
      from: 'relay',
      reason: 'snapshot',
      message: error instanceof Error ? error.message : String(error)
    });
    return undefined;
  }
}

/**
 * Keep the log small (once live, and whenever the log has grown PUBLISH_EVERY_OPS since):
 * drop what every enrolled device holds, and publish a snapshot when the office's log has
 * grown PUBLISH_EVERY_OPS past the relay's newest one. Returns the ops the newest snapshot
 * covers, for the caller's next "has it grown enough?" (undefined after a failure).
 */
export async function maintainLog(
  relay: BlobRelay,
  keys: OfficeKeys,
  db: GuanjiaDexie
): Promise<number | undefined> {
  try {
    // A small log is left whole: it costs little, and it is the audit trail in full.
    if ((await db.oplog.count()) >= COMPACT_FROM_CHUNKS) await compactLog(db);
    const vv = (await db.meta.get('sync'))?.vv ?? {};
    // What this device holds, for the relay's pruning (live batches do not tell it).
    await relay.ask({ t: 'holds', vector: vv });
    const latest = await latestPointer(relay, keys);
    const covered = total(latest?.pointer.vv ?? {});
    if (total(vv) - covered < PUBLISH_EVERY_OPS) {
      if (latest) await pruneRelay(relay, latest.pointer.vv);
      return covered;
    }
    const published = await publishSnapshot(relay, keys, db);
    await pruneRelay(relay, published.vv);
    return total(published.vv);
  } catch (error) {
    syncLog('compact-failed', { error: String(error) });
    return undefined;
  }
}

/**
 * Batch pruning (issue 12 §5): tell the relay a published snapshot covers `vv`; it drops the
 * batches of that range every enrolled device holds (relay/prune.ts), so its storage stops
 * growing. Only ids and counters leave the device. A relay without pruning answers an error:
 * nothing is dropped then.
 */
export async function pruneRelay(relay: BlobRelay, vv: VersionVector): Promise<number> {
  if (!Object.keys(vv).length) return 0;
  const reply = await askRetrying(relay, { t: 'prune', vector: vv });
  if (reply.header.t !== 'pruned') return 0;
  if (reply.header.batches)
    syncLog('relay-pruned', { batches: reply.header.batches, bytes: reply.header.bytes });
  return reply.header.batches;
}

/** Ops in a vector (every author's). */
export const opsIn = (vv: VersionVector): number => total(vv);
