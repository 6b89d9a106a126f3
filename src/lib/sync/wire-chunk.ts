import { z } from 'zod';
import type { OpChunk } from '$lib/domain/ops';
import { fromBase64Url, toBase64Url } from './crypto';

/**
 * Op chunks as they travel inside a sealed batch: JSON, with Yjs updates as base64url.
 * Validated with zod after decryption, so a buggy or hostile office member cannot store a
 * malformed chunk (one that would break the fold) on another device.
 */
const deviceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const rowOp = z.object({
  k: z.literal('row'),
  t: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
  r: z.string().min(1).max(128),
  f: z.record(z.string().max(128), z.unknown())
});
const yjsOp = z.object({
  k: z.literal('yjs'),
  d: z.string().min(1).max(256),
  u: z.string().regex(/^[A-Za-z0-9_-]*$/)
});

export const wireChunkSchema = z
  .object({
    device: deviceId,
    first: seq,
    last: seq,
    hlc: z.string().regex(/^[0-9a-z]{11}:[0-9a-z]{4}:[A-Za-z0-9_-]{1,64}$/),
    actor: z.string().max(128),
    sv: z.number().int().min(0),
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
