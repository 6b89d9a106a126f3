import { z } from 'zod';
import type { OpChunk } from '$lib/oplog/format';
import { fromBase64Url, toBase64Url } from './crypto';

/**
 * Op chunks as they travel inside a sealed batch: JSON, with Yjs updates as base64url.
 * Version 2 batches use the compact form below; `wireChunkSchema` reads version 1 ones.
 * Validated with zod after decryption, so a buggy or hostile office member cannot store a
 * malformed chunk (one that would break the fold) on another device.
 */
const deviceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const table = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
const row = z.string().min(1).max(128);
/**
 * A row op's fields: a plain object of names up to 128 characters (the values are checked
 * against the record's schema by the fold). A check, not zod's record, which copies every
 * object: ~0.4 s of a large office's catch-up. `__proto__` is no field of ours.
 */
const fields = z.custom<Record<string, unknown>>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).every((name) => name.length <= 128 && name !== '__proto__'),
  'fields: an object of field names'
);
const doc = z.string().min(1).max(256);
const update = z.string().regex(/^[A-Za-z0-9_-]*$/);
const actor = z.string().max(128);
const schemaVersion = z.number().int().min(0);
const rowOp = z.object({ k: z.literal('row'), t: table, r: row, f: fields });
const yjsOp = z.object({ k: z.literal('yjs'), d: doc, u: update });

export const wireChunkSchema = z
  .object({
    device: deviceId,
    first: seq,
    last: seq,
    hlc: z.string().regex(/^[0-9a-z]{11}:[0-9a-z]{4}:[A-Za-z0-9_-]{1,64}$/),
    actor,
    sv: schemaVersion,
    ops: z.array(z.discriminatedUnion('k', [rowOp, yjsOp])).min(1)
  })
  .refine((c) => c.last - c.first + 1 === c.ops.length, 'ops do not match first..last');
export type WireChunk = z.infer<typeof wireChunkSchema>;

export function toWire(chunk: OpChunk): WireChunk {
  if (!chunk.ops.some((op) => op.k === 'yjs')) return chunk as WireChunk;
  return {
    ...chunk,
    ops: chunk.ops.map((op) => (op.k === 'yjs' ? { ...op, u: toBase64Url(op.u) } : op))
  };
}

export function fromWire(chunk: WireChunk): OpChunk {
  if (!chunk.ops.some((op) => op.k === 'yjs')) return chunk as OpChunk;
  return {
    ...chunk,
    ops: chunk.ops.map((op) => (op.k === 'yjs' ? { ...op, u: fromBase64Url(op.u) } : op))
  };
}

/** An op in compact form: `[table, row, fields]` or `[doc, update]` (Yjs, base64url). */
export const compactOpSchema = z.union([z.tuple([table, row, fields]), z.tuple([doc, update])]);
export type CompactOp = z.infer<typeof compactOpSchema>;

/**
 * The compact chunk of a version 2 batch: `[hlc, actor, sv, ops]`, each op `[table, row,
 * fields]` or `[doc, update]`. What the batch's metadata already says is left out: the
 * author (it is the batch's device, and the HLC's device part when it is the author) and
 * the seq numbers (chunks are contiguous from the batch's `first`). A one-field edit is
 * ~120 bytes instead of ~260. Version 3 batches carry the same, each chunk's ops packed on
 * their own (seal.ts).
 */
export const compactHlcSchema = z
  .string()
  .regex(/^[0-9a-z]{11}:[0-9a-z]{4}(:[A-Za-z0-9_-]{1,64})?$/);
export const compactChunkSchema = z.tuple([
  compactHlcSchema,
  actor,
  schemaVersion,
  z.array(compactOpSchema).min(1)
]);
export type CompactChunk = z.infer<typeof compactChunkSchema>;

/**
 * A chunk's head in a version 3 batch: `[hlc, actor, sv, op count, packed bytes]`; its ops
 * follow the batch's header, packed (lib/oplog/packed.ts).
 */
export const packedHeadSchema = z.tuple([
  compactHlcSchema,
  actor,
  schemaVersion,
  z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
]);
export type PackedHead = z.infer<typeof packedHeadSchema>;

/** The HLC as a batch of `device` carries it: the device part left out when it is the author. */
export function compactHlc(hlc: string, device: string): string {
  const suffix = `:${device}`;
  return hlc.endsWith(suffix) ? hlc.slice(0, -suffix.length) : hlc;
}

export const toCompactOps = (ops: OpChunk['ops']): CompactOp[] =>
  ops.map((op) => (op.k === 'row' ? [op.t, op.r, op.f] : [op.d, toBase64Url(op.u)]));

/** The chunk of `device` starting at seq `first` (already validated by compactChunkSchema). */
export function fromCompact(chunk: CompactChunk, device: string, first: number): OpChunk {
  const [hlc, actor, sv, ops] = chunk;
  return {
    device,
    first,
    last: first + ops.length - 1,
    hlc: hlc.split(':').length === 2 ? `${hlc}:${device}` : hlc,
    actor,
    sv,
    ops: ops.map((op) =>
      op.length === 3
        ? { k: 'row' as const, t: op[0], r: op[1], f: op[2] }
        : { k: 'yjs' as const, d: op[0], u: fromBase64Url(op[1]) }
    )
  };
}
