import { database, type GuanjiaDexie, type StoredBlob } from './database';

const MAX_BLOB_BYTES = 8 * 1024 * 1024; // a phone photo, resized or not; larger is refused

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Store an attachment and return its content hash, which a record keeps instead of the
 * bytes. Storing the same bytes twice is a no-op.
 */
export async function putBlob(
  bytes: Uint8Array,
  type: string,
  db: GuanjiaDexie = database(),
  now = Date.now()
): Promise<string> {
  if (bytes.byteLength > MAX_BLOB_BYTES) throw new RangeError('blob.tooLarge');
  const hash = await sha256Hex(bytes);
  if (!(await db.blobs.get(hash)))
    await db.blobs.put({ hash, type, bytes, size: bytes.byteLength, createdAt: now });
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
 * corrupted or forged in transit never enters the database.
 */
export async function receiveBlob(
  hash: string,
  bytes: Uint8Array,
  type: string,
  db: GuanjiaDexie = database()
): Promise<boolean> {
  if ((await sha256Hex(bytes)) !== hash) return false;
  await putBlob(bytes, type, db);
  return true;
}

/** An object URL to show a stored image; the caller revokes it when done. */
export async function blobUrl(
  hash: string,
  db: GuanjiaDexie = database()
): Promise<string | undefined> {
  const blob = await db.blobs.get(hash);
  return blob && URL.createObjectURL(new Blob([blob.bytes as BlobPart], { type: blob.type }));
}
