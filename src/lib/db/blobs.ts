import { database, type GuanjiaDexie, type StoredBlob } from './database';

const MAX_BLOB_BYTES = 8 * 1024 * 1024; // a phone photo, resized or not; larger is refused

/**
 * Blobs this device still has to hand to the relay, one device-local `local` entry each
 * (never synced): a photo taken offline is uploaded when the relay is next reachable
 * (lib/sync/blob-sync.ts drains it).
 */
const UPLOAD_PREFIX = 'blobs.upload/';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function store(
  db: GuanjiaDexie,
  hash: string,
  bytes: Uint8Array,
  type: string,
  upload: boolean,
  now: number
): Promise<void> {
  await db.transaction('rw', db.blobs, db.local, async () => {
    if (await db.blobs.get(hash)) return;
    await db.blobs.put({ hash, type, bytes, size: bytes.byteLength, createdAt: now });
    if (upload) await db.local.put({ key: UPLOAD_PREFIX + hash, value: now });
  });
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
  if (bytes.byteLength > MAX_BLOB_BYTES) throw new RangeError('blob.tooLarge');
  const hash = await sha256Hex(bytes);
  await store(db, hash, bytes, type, true, now);
  return hash;
}

export async function getBlob(
  hash: string,
  db: GuanjiaDexie = database()
): Promise<StoredBlob | undefined> {
  return db.blobs.get(hash);
}

/**
 * Accept bytes received from another device only if they are what the hash says: a blob
 * corrupted or forged in transit never enters the database. `upload`: pass it on to the
 * relay too (it came by a direct channel from a device that may not reach the relay).
 */
export async function receiveBlob(
  hash: string,
  bytes: Uint8Array,
  type: string,
  db: GuanjiaDexie = database(),
  options: { upload?: boolean } = {}
): Promise<boolean> {
  if (bytes.byteLength > MAX_BLOB_BYTES || (await sha256Hex(bytes)) !== hash) return false;
  await store(db, hash, bytes, type, options.upload ?? false, Date.now());
  return true;
}

/** Hashes of blobs waiting for the relay, oldest first. */
export async function blobsToUpload(db: GuanjiaDexie = database(), limit = 256): Promise<string[]> {
  const entries = await db.local.where('key').startsWith(UPLOAD_PREFIX).toArray();
  return entries
    .sort((a, b) => Number(a.value) - Number(b.value))
    .slice(0, limit)
    .map((e) => e.key.slice(UPLOAD_PREFIX.length));
}

/** The relay holds it now (or it is gone from this device): off the queue. */
export async function blobUploaded(hash: string, db: GuanjiaDexie = database()): Promise<void> {
  await db.local.delete(UPLOAD_PREFIX + hash);
}

/** How many blobs wait for the relay (a liveQuery of it wakes the uploader, from any tab). */
export function blobsWaiting(db: GuanjiaDexie = database()): Promise<number> {
  return db.local.where('key').startsWith(UPLOAD_PREFIX).count();
}

/** An object URL to show a stored image; the caller revokes it when done. */
export async function blobUrl(
  hash: string,
  db: GuanjiaDexie = database()
): Promise<string | undefined> {
  const blob = await db.blobs.get(hash);
  return blob && URL.createObjectURL(new Blob([blob.bytes as BlobPart], { type: blob.type }));
}
