import { inflateSync, strFromU8 } from 'fflate';
import type { OpChunk, RowOp } from './format';

/**
 * A chunk's ops "packed": one format byte, then the JSON array of its ops in the compact form
 * batches carry (`[table, row, fields]`, lib/sync/wire-chunk.ts), deflated when that pays.
 * Sealed batches carry each chunk packed on its own (lib/sync/seal.ts), and the op log stores
 * a received chunk of row ops in the bytes it arrived in (db/oplog-packing.ts): a large
 * catch-up stores ~16 MB of bytes instead of cloning ~90 MB of op objects into IndexedDB
 * (its op log write: 0.8–1.1 s → 0.2 s).
 *
 * The format bytes are those of a batch's plaintext (lib/sync/seal.ts): bits 1–2 set, which
 * no deflate stream starts with.
 */
export const PACKED_JSON = 0x06;
export const PACKED_DEFLATED = 0x0e;

/**
 * The row ops of stored packed bytes (the log's own, checked when they arrived). Synchronous,
 * so that it can run inside an IndexedDB transaction. Throws on bytes that are not packed.
 */
export function unpackRowOps(packed: Uint8Array): RowOp[] {
  const body = packed.subarray(1);
  const json =
    packed[0] === PACKED_DEFLATED ? inflateSync(body) : packed[0] === PACKED_JSON ? body : null;
  if (!json) throw new Error('not packed ops');
  const ops = JSON.parse(strFromU8(json)) as unknown;
  if (!Array.isArray(ops)) throw new Error('not packed ops');
  return ops.map((op): RowOp => {
    if (!Array.isArray(op) || op.length !== 3) throw new Error('not packed row ops');
    const [t, r, f] = op as [string, string, Record<string, unknown>];
    return { k: 'row', t, r, f };
  });
}

/**
 * Chunks known to hold exactly the row ops of these packed bytes (opened from a batch): the
 * log stores the bytes instead of the objects. A chunk cut or rebuilt is a new object, so it
 * is never paired with bytes that say something else; chunks are not changed in place.
 */
const packedChunks = new WeakMap<OpChunk, Uint8Array>();

/** Pair a chunk of row ops only with the packed bytes it was read from (a copy of its own). */
export function keepPacked(chunk: OpChunk, packed: Uint8Array): void {
  packedChunks.set(chunk, packed);
}

export const packedOf = (chunk: OpChunk): Uint8Array | undefined => packedChunks.get(chunk);
