import type { Op, OpChunk, VersionVector } from '$lib/oplog/format';
import { database, type GuanjiaDexie } from './database';

/**
 * Which attachments the op log names, without a list of fields per table: a record keeps a
 * blob as the 64 hex digits of its SHA-256 (a photo list, a signature, a signed snapshot,
 * the stamp), so every such string in a written field that is a stored blob IS that blob —
 * content addressing makes a false match impossible. Yjs updates are not searched: no
 * collaborative document names a blob.
 */
const HASH = /^[0-9a-f]{64}$/;
const PAGE_CHUNKS = 500;

function collect(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length === 64 && HASH.test(value)) into.add(value);
  } else if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array))
    for (const item of Object.values(value)) collect(item, into);
}

/** Every hash-shaped string the row ops set (blob or not: the caller looks them up). */
export function hashesNamedBy(ops: Op[], into = new Set<string>()): Set<string> {
  for (const op of ops) if (op.k === 'row') collect(op.f, into);
  return into;
}

/** Chunks of `device` with a seq above `after`, a page at a time (op log order). */
export async function* chunksAfter(
  db: GuanjiaDexie,
  device: string,
  after: number
): AsyncGenerator<OpChunk[]> {
  let from = after;
  for (;;) {
    const page = await db.oplog
      .where('[device+last]')
      .between([device, from + 1], [device, Infinity], true, true)
      .limit(PAGE_CHUNKS)
      .toArray();
    if (!page.length) return;
    yield page;
    from = page[page.length - 1].last;
  }
}

export interface NamedBlob {
  hash: string;
  type: string;
  size: number;
}

export interface ChangesSince {
  /** Ops this device holds above the vector. */
  ops: number;
  /** Their size as JSON: what a sealed file of them costs before compression. */
  opBytes: number;
  /** The stored blobs those ops name (a blob named but not on this device is not listed). */
  blobs: NamedBlob[];
}

/**
 * What another device holding `since` lacks: how many ops, roughly how large, and which
 * attachments this device holds that those ops name (a file export carries them, so that an
 * office with no network at all still sees photos and signatures: lib/sync/file-sync.ts).
 */
export async function changesSince(
  since: VersionVector,
  db: GuanjiaDexie = database()
): Promise<ChangesSince> {
  const mine = (await db.meta.get('sync'))?.vv ?? {};
  const named = new Set<string>();
  let ops = 0;
  let opBytes = 0;
  for (const [device, held] of Object.entries(mine)) {
    const after = since[device] ?? 0;
    if (held <= after) continue;
    for await (const page of chunksAfter(db, device, after))
      for (const chunk of page) {
        const fresh = chunk.first > after ? chunk.ops : chunk.ops.slice(after + 1 - chunk.first);
        ops += fresh.length;
        for (const op of fresh)
          opBytes += op.k === 'row' ? JSON.stringify(op.f).length + 60 : op.u.byteLength + 60;
        hashesNamedBy(fresh, named);
      }
  }
  const blobs: NamedBlob[] = [];
  if (named.size)
    // One at a time: sizes without holding every photo in memory together.
    for (const hash of [...named].sort()) {
      const blob = await db.blobs.get(hash);
      if (blob) blobs.push({ hash, type: blob.type, size: blob.size });
    }
  return { ops, opBytes, blobs };
}
