import { chunksAfter, hashesNamedBy } from './blob-references';
import { database, type GuanjiaDexie, type StoredBlob } from './database';

export const MAX_BLOB_BYTES = 8 * 1024 * 1024; // a phone photo, resized or not; larger is refused

/**
 * Blobs this device still has to hand to the relay, one device-local `local` entry each
 * (never synced): a photo taken offline is uploaded when the relay is next reachable
 * (lib/sync/blob-sync.ts drains it). An entry is the time it was queued, or for a draft
 * (a photo in a form not saved yet) `{ at, after }`: this device's own seq when it was
 * taken; it goes up only once an own op above `after` names it.
 */
const UPLOAD_PREFIX = 'blobs.upload/';
/** A draft no saved record named within a day was discarded with its form: forgotten. */
const DRAFT_KEEP_MS = 24 * 60 * 60 * 1000;

interface Draft {
  at: number;
  after: number;
}
type UploadEntry = number | Draft;

const isDraft = (value: unknown): value is Draft =>
  typeof value === 'object' && value !== null && 'after' in value;
const queuedAt = (value: unknown): number =>
  isDraft(value) ? value.at : typeof value === 'number' ? value : 0;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Store a blob (once) and, when asked, queue it for the relay. A draft entry is never put
 * over an ordinary one, and the same bytes stored for real make a waiting draft ordinary.
 */
async function store(
  db: GuanjiaDexie,
  hash: string,
  bytes: Uint8Array,
  type: string,
  upload: 'no' | 'yes' | 'draft',
  now: number
): Promise<void> {
  await db.transaction('rw', db.blobs, db.local, db.meta, async () => {
    const held = (await db.blobs.where('hash').equals(hash).count()) > 0;
    if (!held) await db.blobs.put({ hash, type, bytes, size: bytes.byteLength, createdAt: now });
    if (upload === 'no') return;
    const key = UPLOAD_PREFIX + hash;
    const entry = await db.local.get(key);
    if (upload === 'yes' && (entry ? isDraft(entry.value) : !held))
      await db.local.put({ key, value: now satisfies UploadEntry });
    else if (upload === 'draft' && !entry && !held) {
      const state = await db.meta.get('sync');
      const after = state ? (state.vv[state.device] ?? 0) : 0;
      await db.local.put({ key, value: { at: now, after } satisfies UploadEntry });
    }
  });
}

/** Size check, hash, store: what putBlob and putDraftBlob share. */
async function storeNew(
  db: GuanjiaDexie,
  bytes: Uint8Array,
  type: string,
  upload: 'yes' | 'draft',
  now: number
): Promise<string> {
  if (bytes.byteLength > MAX_BLOB_BYTES) throw new RangeError('blob.tooLarge');
  const hash = await sha256Hex(bytes);
  await store(db, hash, bytes, type, upload, now);
  return hash;
}

/**
 * Store an attachment and return its content hash, which a record keeps instead of the
 * bytes. Storing the same bytes twice is a no-op. The other devices fetch it on demand;
 * it waits in the upload queue until the relay holds it.
 */
export async function putBlob(
  bytes: Uint8Array,
  type: string,
  db: GuanjiaDexie = database(),
  now = Date.now()
): Promise<string> {
  return storeNew(db, bytes, type, 'yes', now);
}

/**
 * A photo taken in a form that is not saved yet: stored (the form shows it) but uploaded
 * only once a record written on this device names it. A photo removed before saving, or
 * a form abandoned, never leaves the tablet, and is deleted after a day.
 */
export async function putDraftBlob(
  bytes: Uint8Array,
  type: string,
  db: GuanjiaDexie = database(),
  now = Date.now()
): Promise<string> {
  return storeNew(db, bytes, type, 'draft', now);
}

export async function getBlob(
  hash: string,
  db: GuanjiaDexie = database()
): Promise<StoredBlob | undefined> {
  return db.blobs.get(hash);
}

/**
 * Camera pictures, which an export file may leave out to stay small (photo-capture stores
 * JPEG); signatures are PNG drawings and signed snapshots Yjs updates, both small.
 */
export function isPhoto(type: string): boolean {
  return /^image\/(jpeg|pjpeg|heic|heif|webp|avif)$/i.test(type);
}

/**
 * Accept bytes received from another device only if they are what the hash says: a blob
 * corrupted or forged in transit never enters the database. `upload`: pass it on to the
 * relay too (it came by a direct channel or a file from a device that may not reach the
 * relay).
 */
export async function receiveBlob(
  hash: string,
  bytes: Uint8Array,
  type: string,
  db: GuanjiaDexie = database(),
  options: { upload?: boolean } = {}
): Promise<boolean> {
  if (bytes.byteLength > MAX_BLOB_BYTES || (await sha256Hex(bytes)) !== hash) return false;
  await store(db, hash, bytes, type, options.upload ? 'yes' : 'no', Date.now());
  return true;
}

/**
 * Settle the drafts: named by an own op since they were taken → ordinary entries; older
 * than a day and named by none → forgotten with their bytes; else still waiting (the op log
 * read so far is remembered, so a long-open form costs one short read per look).
 */
async function settleDrafts(
  db: GuanjiaDexie,
  drafts: { key: string; value: Draft }[],
  now: number
): Promise<void> {
  const state = await db.meta.get('sync');
  if (!state) return;
  const seq = state.vv[state.device] ?? 0;
  const waiting = new Map(drafts.map((d) => [d.key.slice(UPLOAD_PREFIX.length), d.value]));
  const named = new Set<string>();
  const from = Math.min(...drafts.map((d) => d.value.after));
  scan: for await (const page of chunksAfter(db, state.device, from))
    for (const chunk of page) {
      if (chunk.first > seq) break scan; // written after the look: the next look sees it
      for (const hash of hashesNamedBy(chunk.ops))
        if (chunk.last > (waiting.get(hash)?.after ?? Infinity)) named.add(hash);
    }
  await db.transaction('rw', db.local, db.blobs, async () => {
    for (const [hash, draft] of waiting) {
      const key = UPLOAD_PREFIX + hash;
      // Changed meanwhile (another tab, or stored for real): left as it is now.
      if (!isDraft((await db.local.get(key))?.value)) continue;
      if (named.has(hash)) await db.local.put({ key, value: draft.at satisfies UploadEntry });
      else if (now - draft.at > DRAFT_KEEP_MS) {
        await db.local.delete(key);
        await db.blobs.delete(hash);
      } else await db.local.put({ key, value: { at: draft.at, after: seq } satisfies UploadEntry });
    }
  });
}

/** Hashes of blobs waiting for the relay, oldest first (drafts once a record names them). */
export async function blobsToUpload(
  db: GuanjiaDexie = database(),
  limit = 256,
  now = Date.now()
): Promise<string[]> {
  let entries = await db.local.where('key').startsWith(UPLOAD_PREFIX).toArray();
  const drafts = entries.filter((e): e is { key: string; value: Draft } => isDraft(e.value));
  if (drafts.length) {
    await settleDrafts(db, drafts, now);
    entries = await db.local.where('key').startsWith(UPLOAD_PREFIX).toArray();
  }
  return entries
    .filter((e) => !isDraft(e.value))
    .sort((a, b) => queuedAt(a.value) - queuedAt(b.value))
    .slice(0, limit)
    .map((e) => e.key.slice(UPLOAD_PREFIX.length));
}

/** The relay holds it now (or it is gone from this device): off the queue. */
export async function blobUploaded(hash: string, db: GuanjiaDexie = database()): Promise<void> {
  await db.local.delete(UPLOAD_PREFIX + hash);
}

/**
 * How many blobs wait for the relay, drafts included (a liveQuery of it wakes the uploader,
 * from any tab).
 */
export function blobsWaiting(db: GuanjiaDexie = database()): Promise<number> {
  return db.local.where('key').startsWith(UPLOAD_PREFIX).count();
}

/**
 * Up to `limit` hashes of stored blobs after `after` in hash order — keys only, no bytes
 * read — for the check that the relay still holds what this device has (blob-relay.ts).
 */
export function storedBlobHashes(
  after: string,
  limit: number,
  db: GuanjiaDexie = database()
): Promise<string[]> {
  return db.blobs.where('hash').above(after).limit(limit).primaryKeys();
}

/** The relay lost these (restored from an empty disk): queue them again, drafts left as they are. */
export async function queueForRelay(
  hashes: string[],
  db: GuanjiaDexie = database(),
  now = Date.now()
): Promise<void> {
  await db.transaction('rw', db.local, async () => {
    for (const hash of hashes) {
      const key = UPLOAD_PREFIX + hash;
      if (!(await db.local.get(key))) await db.local.put({ key, value: now satisfies UploadEntry });
    }
  });
}

/** An object URL to show a stored image; the caller revokes it when done. */
export async function blobUrl(
  hash: string,
  db: GuanjiaDexie = database()
): Promise<string | undefined> {
  const blob = await db.blobs.get(hash);
  return blob && URL.createObjectURL(new Blob([blob.bytes as BlobPart], { type: blob.type }));
}
