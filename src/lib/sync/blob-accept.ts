import { receiveBlob } from '$lib/db/blobs';
import { BlobSealError, openBlob } from './blob-seal';
import type { SyncEngine } from './engine';
import { syncLog } from './sync-log';

/**
 * Open the sealed pieces of an attachment, check its SHA-256 and store it, whichever road
 * brought it (relay, direct session, file). Anything wrong is logged and nothing is stored.
 * `upload`: queue it for the relay too (it came from a device that may not reach it).
 */
export async function acceptSealedBlob(
  engine: SyncEngine,
  hash: string,
  pieces: Uint8Array[],
  from: string,
  upload: boolean
): Promise<boolean> {
  try {
    // A piece missing from the middle leaves a hole in the array: the whole blob is damaged.
    if (Array.from(pieces, (p) => p).some((p) => !p))
      throw new BlobSealError('malformed', 'a piece is missing');
    const { type, bytes } = await openBlob(engine.keys, hash, pieces);
    if (await receiveBlob(hash, bytes, type, engine.db, { upload })) return true;
    syncLog('reject', { from, reason: 'blob-hash', message: 'bytes do not match their hash' });
  } catch (error) {
    syncLog('reject', {
      from,
      reason: error instanceof BlobSealError ? `blob-${error.reason}` : 'blob',
      message: error instanceof Error ? error.message : String(error)
    });
  }
  return false;
}
