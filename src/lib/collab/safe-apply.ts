import * as Y from 'yjs';
import { unframeUpdate } from './frame';

/** The origin of updates that came from another device: they are not sent back out. */
export const REMOTE = Symbol('remote');

/**
 * The update inside a received frame, or null when it must be refused: a frame whose
 * checksum fails, or bytes Yjs cannot decode (`decodeUpdate` reads every struct and the
 * delete set). Checked before anything touches the document, because Yjs may throw in the
 * middle of `applyUpdate` and leave a document half-changed.
 */
export function checkedUpdate(frame: Uint8Array): Uint8Array | null {
  const update = unframeUpdate(frame);
  if (!update) return null;
  try {
    Y.decodeUpdate(update);
    return update;
  } catch {
    return null;
  }
}

/** Apply updates received from another device; the damaged ones are refused. Returns how many were refused. */
export function applyRemoteUpdates(doc: Y.Doc, frames: readonly Uint8Array[]): number {
  const good: Uint8Array[] = [];
  for (const frame of frames) {
    const update = checkedUpdate(frame);
    if (update) good.push(update);
  }
  let rejected = frames.length - good.length;
  if (!good.length) return rejected;
  try {
    // One merged update: one transaction, one row in the local store.
    Y.applyUpdate(doc, good.length === 1 ? good[0] : Y.mergeUpdates(good), REMOTE);
  } catch {
    // Should the merge fail, apply one by one so the good ones still land.
    for (const update of good) {
      try {
        Y.applyUpdate(doc, update, REMOTE);
      } catch {
        rejected++;
      }
    }
  }
  return rejected;
}
