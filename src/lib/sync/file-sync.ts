import { z } from 'zod';
import type { VersionVector } from '$lib/domain/ops';
import { concatBytes, fromUtf8, utf8 } from './crypto';
import type { SyncEngine } from './engine';
import { currentKey } from './office-keys';
import { decodePeerFrame, encodePeerFrame } from './peer-protocol';
import type { SealedBatch } from './seal';

/**
 * File sync for no network at all (issue #4): "changes since" a vector (another device's,
 * as this device last saw it, or {} for everything) written as the device ↔ device frames
 * — sealed batches, so the file is encrypted and signed like any other traffic. Importing
 * takes the whole file or nothing: a damaged, truncated or foreign file changes nothing.
 */
const MAGIC = utf8('GUANJIA-SYNC/1\n');
const FILE_BATCH_BYTES = 1024 * 1024;

const fileHeaderSchema = z.object({
  office: z.string(),
  device: z.string(),
  ops: z.number().int()
});

export class FileSyncError extends Error {
  constructor(readonly reason: 'corrupt' | 'other-office' | 'gaps') {
    super(reason);
  }
}

function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, bytes.length);
  return concatBytes(length, bytes);
}

export async function exportChanges(
  engine: SyncEngine,
  since: VersionVector
): Promise<{ bytes: Uint8Array; ops: number }> {
  const parts: Uint8Array[] = [];
  let ops = 0;
  for await (const batch of engine.outgoing(since, {
    maxBodyBytes: FILE_BATCH_BYTES,
    peerEpoch: currentKey(engine.keys).epoch
  })) {
    ops += batch.meta.last - batch.meta.first + 1;
    parts.push(lengthPrefixed(encodePeerFrame({ t: 'batch', batch: batch.meta }, batch.body)));
  }
  const header = utf8(
    JSON.stringify({ office: engine.keys.office, device: engine.device, ops } satisfies z.infer<
      typeof fileHeaderSchema
    >)
  );
  return { bytes: concatBytes(MAGIC, lengthPrefixed(header), ...parts), ops };
}

/** Throws FileSyncError; on success returns the number of ops newly applied. */
export async function importChanges(engine: SyncEngine, bytes: Uint8Array): Promise<number> {
  const batches: SealedBatch[] = [];
  let header: z.infer<typeof fileHeaderSchema>;
  try {
    if (fromUtf8(bytes.subarray(0, MAGIC.length)) !== fromUtf8(MAGIC)) throw new Error('magic');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = MAGIC.length;
    const next = (): Uint8Array => {
      if (at + 4 > bytes.length) throw new Error('truncated');
      const length = view.getUint32(at);
      if (at + 4 + length > bytes.length) throw new Error('truncated');
      const part = bytes.subarray(at + 4, at + 4 + length);
      at += 4 + length;
      return part;
    };
    header = fileHeaderSchema.parse(JSON.parse(fromUtf8(next())));
    while (at < bytes.length) {
      const { header: frame, body } = decodePeerFrame(next());
      if (frame.t !== 'batch') throw new Error('not a batch');
      batches.push({ meta: frame.batch, body });
    }
  } catch {
    throw new FileSyncError('corrupt');
  }
  if (header.office !== engine.keys.office) throw new FileSyncError('other-office');
  const result = await engine.receive(batches, `file:${header.device}`, { allOrNothing: true });
  if (result.refused || result.missingKey) throw new FileSyncError('corrupt');
  if (result.gaps) throw new FileSyncError('gaps');
  return result.applied;
}
