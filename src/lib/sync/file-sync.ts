import { z } from 'zod';
import { changesSince, type NamedBlob } from '$lib/db/blob-references';
import { getBlob, isPhoto } from '$lib/db/blobs';
import type { VersionVector } from '$lib/oplog/format';
import { acceptSealedBlob } from './blob-accept';
import { RELAY_PIECE_BYTES, sealBlob } from './blob-seal';
import { concatBytes, fromUtf8, utf8 } from './crypto';
import type { SyncEngine } from './engine';
import { currentKey } from './office-keys';
import { decodePeerFrame, encodePeerFrame } from './peer-protocol';
import type { SealedBatch } from './seal';

/**
 * File sync for no network at all (issue #4): "changes since" a vector (another device's,
 * as this device last saw it, or {} for everything) written as the device ↔ device frames
 * — sealed batches, so the file is encrypted and signed like any other traffic — followed
 * by the attachments those changes name (photos, signatures, signed snapshots, the stamp),
 * each sealed with the office key as for the relay (`blob` frames, blob-seal.ts).
 *
 * Importing takes the changes whole or not at all: a damaged, truncated or foreign file
 * changes nothing. Each attachment is then opened and checked against its hash on its own:
 * a damaged one is reported and skipped (the screens fetch it later), never stored.
 */
const MAGIC = utf8('GUANJIA-SYNC/1\n');
const FILE_BATCH_BYTES = 1024 * 1024;
/** Sealed ops are about this much smaller than their JSON (deflate): for the estimate. */
const COMPRESSION_GUESS = 3;
/** Per sealed piece: head, iv, tag, frame header and length prefix. */
const PIECE_OVERHEAD = 200;

const fileHeaderSchema = z.object({
  office: z.string(),
  device: z.string(),
  ops: z.number().int(),
  blobs: z.number().int().optional()
});

export class FileSyncError extends Error {
  constructor(readonly reason: 'corrupt' | 'other-office' | 'gaps') {
    super(reason);
  }
}

export interface ExportOptions {
  /** Carry camera photos (default). Signatures, signed snapshots and the stamp always go. */
  photos?: boolean;
}

export interface ExportPlan {
  ops: number;
  /** Estimated size of the whole file in bytes (photos included or not, as asked). */
  bytes: number;
  /** Attachments the file carries (photos only if asked), and their bytes. */
  attachments: { count: number; bytes: number };
  /** Photos the changes name, and their bytes (left out when `photos` is false). */
  photos: { count: number; bytes: number };
}

function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, bytes.length);
  return concatBytes(length, bytes);
}

function carried(blobs: NamedBlob[], photos: boolean): NamedBlob[] {
  return photos ? blobs : blobs.filter((b) => !isPhoto(b.type));
}

const total = (blobs: NamedBlob[]) => blobs.reduce((sum, b) => sum + b.size, 0);

/** What an export since `since` would hold, and about how large the file is: shown first. */
export async function planExport(
  engine: SyncEngine,
  since: VersionVector,
  options: ExportOptions = {}
): Promise<ExportPlan> {
  const changes = await changesSince(since, engine.db);
  const blobs = carried(changes.blobs, options.photos ?? true);
  const photos = changes.blobs.filter((b) => isPhoto(b.type));
  const pieces = blobs.reduce((n, b) => n + Math.ceil((b.size + 64) / RELAY_PIECE_BYTES), 0);
  return {
    ops: changes.ops,
    bytes:
      MAGIC.length +
      256 +
      Math.ceil(changes.opBytes / COMPRESSION_GUESS) +
      total(blobs) +
      pieces * PIECE_OVERHEAD,
    attachments: { count: blobs.length, bytes: total(blobs) },
    photos: { count: photos.length, bytes: total(photos) }
  };
}

export interface ExportedFile {
  file: Blob;
  ops: number;
  /** Attachments carried. */
  blobs: number;
}

export async function exportChanges(
  engine: SyncEngine,
  since: VersionVector,
  options: ExportOptions = {}
): Promise<ExportedFile> {
  const epoch = currentKey(engine.keys).epoch;
  const parts: Uint8Array[] = [];
  let ops = 0;
  for await (const batch of engine.outgoing(since, {
    maxBodyBytes: FILE_BATCH_BYTES,
    peerEpoch: epoch
  })) {
    ops += batch.meta.last - batch.meta.first + 1;
    parts.push(lengthPrefixed(encodePeerFrame({ t: 'batch', batch: batch.meta }, batch.body)));
  }
  // The attachments the exported changes name, one at a time (a photo is sealed, then let go).
  const { blobs } = await changesSince(since, engine.db);
  let carriedCount = 0;
  for (const { hash } of carried(blobs, options.photos ?? true)) {
    const blob = await getBlob(hash, engine.db);
    if (!blob) continue;
    const pieces = await sealBlob(engine.keys, hash, blob.type, blob.bytes, {
      pieceBytes: RELAY_PIECE_BYTES,
      epoch
    });
    for (const [part, piece] of pieces.entries())
      parts.push(lengthPrefixed(encodePeerFrame({ t: 'blob', hash, part }, piece)));
    carriedCount++;
  }
  const header = utf8(
    JSON.stringify({
      office: engine.keys.office,
      device: engine.device,
      ops,
      blobs: carriedCount
    } satisfies z.infer<typeof fileHeaderSchema>)
  );
  const file = new Blob([MAGIC, lengthPrefixed(header), ...parts] as BlobPart[], {
    type: 'application/octet-stream'
  });
  return { file, ops, blobs: carriedCount };
}

export interface ImportResult {
  /** Ops newly applied. */
  ops: number;
  /** Attachments opened, hash-checked and stored. */
  blobs: number;
  /** Attachments that did not open or did not match their hash: skipped, nothing stored. */
  damaged: number;
}

interface ParsedFile {
  header: z.infer<typeof fileHeaderSchema>;
  batches: SealedBatch[];
  /** Sealed pieces by blob hash, indexed by part. */
  blobs: Map<string, Uint8Array[]>;
}

/** The file's structure; throws on anything that is not a whole sync file. */
function parse(bytes: Uint8Array): ParsedFile {
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
  const header = fileHeaderSchema.parse(JSON.parse(fromUtf8(next())));
  const batches: SealedBatch[] = [];
  const blobs = new Map<string, Uint8Array[]>();
  while (at < bytes.length) {
    const { header: frame, body } = decodePeerFrame(next());
    if (frame.t === 'batch') batches.push({ meta: frame.batch, body });
    else if (frame.t === 'blob') {
      let pieces = blobs.get(frame.hash);
      if (!pieces) blobs.set(frame.hash, (pieces = []));
      pieces[frame.part] = body;
    } else throw new Error(`unexpected ${frame.t}`);
  }
  return { header, batches, blobs };
}

/** Throws FileSyncError when the changes cannot be taken; attachments are checked one by one. */
export async function importChanges(engine: SyncEngine, bytes: Uint8Array): Promise<ImportResult> {
  let file: ParsedFile;
  try {
    file = parse(bytes);
  } catch {
    throw new FileSyncError('corrupt');
  }
  if (file.header.office !== engine.keys.office) throw new FileSyncError('other-office');
  const from = `file:${file.header.device}`;
  const result = await engine.receive(file.batches, from, { allOrNothing: true });
  if (result.refused || result.missingKey) throw new FileSyncError('corrupt');
  let stored = 0;
  let damaged = 0;
  for (const [hash, pieces] of file.blobs) {
    if (await acceptSealedBlob(engine, hash, pieces, from, true)) stored++;
    else damaged++;
  }
  if (result.gaps) throw new FileSyncError('gaps');
  return { ops: result.applied, blobs: stored, damaged };
}
