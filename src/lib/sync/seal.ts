import { inflateRaw } from './crypto/inflate';
import { inflateBounded } from './crypto/inflate-bounded';
import { z } from 'zod';
import type { OpChunk } from '$lib/oplog/format';
import { deflateSync } from 'fflate';
import { keepPacked, packedOf, PACKED_DEFLATED, PACKED_JSON } from '$lib/oplog/packed';
import {
  decryptBatch,
  encryptBatch,
  fromUtf8,
  signBatchAsync,
  utf8,
  verifyBatchSignatureAsync,
  type BatchMeta,
  type DeviceCertificate
} from './crypto';
import { deviceCertificateSchema, type WireBatch } from './protocol';
import { keyring, type OfficeKeys } from './office-keys';
import { learnSigner, signerKeys } from './signers';
import {
  compactChunkSchema,
  compactHlc,
  compactOpSchema,
  fromCompact,
  fromWire,
  packedHeadSchema,
  toCompactOps,
  wireChunkSchema,
  type CompactOp,
  type PackedHead
} from './wire-chunk';

/**
 * A batch as it travels: the relay's cleartext metadata plus, when a device passes on
 * another device's ops, the id of the device that sealed it (`signer`).
 */
export type SealedMeta = WireBatch & { signer?: string };
export interface SealedBatch {
  meta: SealedMeta;
  body: Uint8Array;
}

/** Why a received batch was refused: logged, and the database is not touched. */
export class SealError extends Error {
  constructor(
    readonly reason:
      | 'unknown-epoch'
      | 'unknown-signer'
      | 'decrypt'
      | 'malformed'
      | 'bad-certificate'
      | 'bad-signature'
      | 'wrong-range',
    message: string
  ) {
    super(message);
  }
}

/**
 * The plaintext of a sealed batch starts with a format byte. Version 3 (written now):
 * `PACKED_CHUNKS`, then the header's length (4 bytes, big-endian), the header JSON
 * `[heads, cert?]` (wire-chunk.ts `packedHeadSchema`) and each chunk's ops packed on their
 * own (lib/oplog/packed.ts), so that the receiver stores a large chunk in the bytes it
 * arrived in; or `PACKED_CHUNKS_DEFLATED` and all of that deflated, when small chunks
 * (each too small to be deflated alone) make up much of it. Version 2: `PACKED_JSON` /
 * `PACKED_DEFLATED` and the JSON `[compact chunks, cert?]`. Every format byte has bits 1–2
 * set, which no deflate stream starts with (block type 3 is reserved), so version 1
 * plaintexts (deflated `{cert, chunks}`) stay readable.
 */
const PACKED_CHUNKS = 0x16;
/** The same, deflated as a whole (chunks too small to be deflated one by one). */
const PACKED_CHUNKS_DEFLATED = 0x1e;

const payloadSchema = z.union([
  z.tuple([z.array(compactChunkSchema).min(1)]),
  z.tuple([z.array(compactChunkSchema).min(1), deviceCertificateSchema])
]);
const headerSchema = z.union([
  z.tuple([z.array(packedHeadSchema).min(1)]),
  z.tuple([z.array(packedHeadSchema).min(1), deviceCertificateSchema])
]);
const packedOpsSchema = z.array(compactOpSchema).min(1);
const v1PayloadSchema = z.object({
  cert: deviceCertificateSchema,
  chunks: z.array(wireChunkSchema).min(1)
});

// A one-field edit is ~120 bytes of JSON: deflate would save a few and cost a millisecond.
const DEFLATE_FROM = 512;

/** A chunk's ops packed (lib/oplog/packed.ts): compact JSON, deflated when that pays. */
function pack(ops: readonly CompactOp[]): Uint8Array {
  const json = utf8(JSON.stringify(ops));
  return deflatedIfSmaller(json, json.length >= DEFLATE_FROM, PACKED_JSON, PACKED_DEFLATED);
}

/** `bytes` after `plain`, or deflated after `deflated` when asked and that is smaller. */
function deflatedIfSmaller(
  bytes: Uint8Array,
  deflate: boolean,
  plain: number,
  deflated: number
): Uint8Array {
  if (deflate) {
    const smaller = deflateSync(bytes, { level: 1 });
    if (smaller.length < bytes.length) return withFormat(deflated, smaller);
  }
  return withFormat(plain, bytes);
}

/** `bytes` after a format byte. */
function withFormat(format: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 1);
  out[0] = format;
  out.set(bytes, 1);
  return out;
}

export interface SealOptions {
  /**
   * Carry this device's certificate inside the batch (default): for roads where the reader
   * may not know it (files). Sessions give it once instead: the hello, the relay per connection.
   */
  certificate?: boolean;
}

/**
 * Seal the ops `first..last` of one author (chunks contiguous, in order): compact JSON,
 * deflated above a few hundred bytes (field ops compress 4–8×: catch-up batches), encrypted
 * with the office key of `epoch` bound to the metadata, signed with this device's key.
 */
export async function sealChunks(
  keys: OfficeKeys,
  chunks: OpChunk[],
  epoch: number,
  options: SealOptions = {}
): Promise<SealedBatch> {
  const key = keys.epochs.find((k) => k.epoch === epoch);
  if (!key) throw new Error(`no office key for epoch ${epoch}`);
  const device = chunks[0].device;
  // Receivers number the ops from `first` on, chunk after chunk: they must be contiguous.
  chunks.forEach((c, i) => {
    if (c.device !== device) throw new Error('a batch holds the ops of one device');
    if (i > 0 && c.first !== chunks[i - 1].last + 1) throw new Error('chunks not contiguous');
  });
  const meta: BatchMeta = {
    office: keys.office,
    device,
    first: chunks[0].first,
    last: chunks[chunks.length - 1].last,
    epoch,
    schema: Math.max(...chunks.map((c) => c.sv))
  };
  // A chunk read from the log in the bytes it arrived in is passed on in them.
  const packed = chunks.map((c) => packedOf(c) ?? pack(toCompactOps(c.ops)));
  const heads = chunks.map((c, i): PackedHead => [
    compactHlc(c.hlc, device),
    c.actor,
    c.sv,
    c.ops.length,
    packed[i].length
  ]);
  const header = utf8(JSON.stringify((options.certificate ?? true) ? [heads, keys.cert] : [heads]));
  const content = new Uint8Array(4 + header.length + packed.reduce((n, b) => n + b.length, 0));
  new DataView(content.buffer).setUint32(0, header.length);
  content.set(header, 4);
  let at = 4 + header.length;
  let loose = header.length;
  for (const bytes of packed) {
    content.set(bytes, at);
    at += bytes.length;
    if (bytes[0] === PACKED_JSON) loose += bytes.length;
  }
  // Many small chunks (one-field edits, each too small to deflate): deflated as a whole.
  const plain = deflatedIfSmaller(
    content,
    loose >= DEFLATE_FROM,
    PACKED_CHUNKS,
    PACKED_CHUNKS_DEFLATED
  );
  const body = await encryptBatch(key, meta, plain);
  const sig = await signBatchAsync(meta, body, keys.deviceSecret);
  const { office: _office, ...wire } = meta;
  void _office;
  return {
    meta: { ...wire, sig, ...(device === keys.device ? {} : { signer: keys.device }) },
    body
  };
}

/**
 * A batch's content once inflated: batches are cut to ~3 MiB of JSON (engine.ts), a single
 * large op can be more; past this it is a "zip bomb" from a member's key, not a batch.
 */
const MAX_PLAIN_BYTES = 64 * 1024 * 1024;

/** Chunks and the certificate carried inside, from a decrypted plaintext. Throws SealError. */
export async function readPlaintext(
  plaintext: Uint8Array,
  meta: BatchMeta
): Promise<{ chunks: OpChunk[]; cert?: DeviceCertificate }> {
  const format = plaintext[0];
  if (format === PACKED_CHUNKS) return readPacked(plaintext.subarray(1), meta);
  if (format === PACKED_CHUNKS_DEFLATED) {
    let content;
    try {
      content = await inflateRaw(plaintext.subarray(1), MAX_PLAIN_BYTES);
    } catch {
      throw new SealError('malformed', 'batch content does not inflate, or too large');
    }
    return readPacked(content, meta);
  }
  let parsed: unknown;
  try {
    const json =
      format === PACKED_JSON
        ? plaintext.subarray(1)
        : await inflateRaw(
            format === PACKED_DEFLATED ? plaintext.subarray(1) : plaintext,
            MAX_PLAIN_BYTES
          );
    parsed = JSON.parse(fromUtf8(json));
  } catch {
    throw new SealError('malformed', 'batch content is not (deflated) JSON, or too large');
  }
  if (format !== PACKED_JSON && format !== PACKED_DEFLATED) {
    const v1 = v1PayloadSchema.safeParse(parsed);
    if (!v1.success)
      throw new SealError('malformed', `batch content: ${v1.error.issues[0]?.message}`);
    let next = meta.first;
    for (const chunk of v1.data.chunks) {
      if (chunk.device !== meta.device || chunk.first !== next) throw wrongRange();
      next = chunk.last + 1;
    }
    if (next !== meta.last + 1) throw wrongRange();
    return { chunks: v1.data.chunks.map(fromWire), cert: v1.data.cert };
  }
  const payload = payloadSchema.safeParse(parsed);
  if (!payload.success)
    throw new SealError('malformed', `batch content: ${payload.error.issues[0]?.message}`);
  const [compact, cert] = payload.data;
  const chunks: OpChunk[] = [];
  let next = meta.first;
  for (const chunk of compact) {
    const full = fromCompact(chunk, meta.device, next);
    if (full.last > meta.last) throw wrongRange();
    chunks.push(full);
    next = full.last + 1;
  }
  if (next !== meta.last + 1) throw wrongRange();
  return { chunks, cert };
}

const wrongRange = (): SealError =>
  new SealError('wrong-range', 'chunks do not cover the batch’s range');

/**
 * A version 3 plaintext: the header, then each chunk's packed ops, inflated within what is
 * left of the batch's bound and validated. A chunk of row ops keeps its packed bytes (a copy:
 * the log stores them, lib/oplog/packed.ts).
 */
async function readPacked(
  content: Uint8Array,
  meta: BatchMeta
): Promise<{ chunks: OpChunk[]; cert?: DeviceCertificate }> {
  const malformed = (what: string) => new SealError('malformed', `batch content: ${what}`);
  if (content.length < 4) throw malformed('no header');
  const length = new DataView(content.buffer, content.byteOffset).getUint32(0);
  let at = 4 + length;
  if (at > content.length) throw malformed('header past the end');
  let header;
  try {
    header = headerSchema.safeParse(JSON.parse(fromUtf8(content.subarray(4, at))));
  } catch {
    throw malformed('header is not JSON');
  }
  if (!header.success) throw malformed(header.error.issues[0]?.message ?? 'header');
  const [heads, cert] = header.data;
  const chunks: OpChunk[] = [];
  let budget = MAX_PLAIN_BYTES - content.length;
  let next = meta.first;
  for (const [hlc, actor, sv, count, size] of heads) {
    if (next + count - 1 > meta.last) throw wrongRange();
    if (at + size > content.length) throw malformed('ops past the end');
    const packed = content.subarray(at, at + size);
    at += size;
    let ops;
    try {
      // Inflated here, in JS and at once: a stream per chunk (inflateRaw) costs more than
      // the inflating of a chunk's ~100 KB, and this stops as soon as the bound is passed.
      const json =
        packed[0] === PACKED_DEFLATED
          ? inflateBounded(packed.subarray(1), budget)
          : packed[0] === PACKED_JSON
            ? packed.subarray(1)
            : undefined;
      if (!json) throw malformed('ops not packed, or too large');
      budget -= json.length;
      ops = packedOpsSchema.safeParse(JSON.parse(fromUtf8(json)));
    } catch (error) {
      if (error instanceof SealError) throw error;
      throw malformed('ops are not (deflated) JSON, or too large');
    }
    if (!ops.success) throw malformed(ops.error.issues[0]?.message ?? 'ops');
    if (ops.data.length !== count) throw malformed('op count');
    const chunk = fromCompact([hlc, actor, sv, ops.data], meta.device, next);
    if (packed[0] === PACKED_DEFLATED && chunk.ops.every((op) => op.k === 'row'))
      keepPacked(chunk, packed.slice());
    chunks.push(chunk);
    next = chunk.last + 1;
  }
  if (next !== meta.last + 1) throw wrongRange();
  if (at !== content.length) throw malformed('bytes after the last chunk');
  return { chunks, cert };
}

/**
 * Decrypt, find the sealer's certified key (carried inside, or learnt from a hello or the
 * relay: signers.ts), check the signature, validate every chunk. Throws SealError.
 */
export async function openSealed(keys: OfficeKeys, batch: SealedBatch): Promise<OpChunk[]> {
  const { sig, signer, ...wire } = batch.meta;
  const meta: BatchMeta = { office: keys.office, ...wire };
  const ring = keyring(keys);
  if (!ring.has(meta.epoch))
    throw new SealError('unknown-epoch', `no office key for epoch ${meta.epoch}`);
  let plaintext: Uint8Array;
  try {
    plaintext = await decryptBatch(ring, meta, batch.body);
  } catch {
    throw new SealError('decrypt', 'batch does not decrypt under its metadata');
  }
  const { chunks, cert } = await readPlaintext(plaintext, meta);
  const sealer = signer ?? meta.device;
  if (cert) {
    if (cert.device !== sealer)
      throw new SealError('bad-certificate', 'certificate is not the sealer’s');
    if (!learnSigner(keys, cert))
      throw new SealError('bad-certificate', 'certificate not signed by the office');
  }
  const candidates = signerKeys(keys.office, sealer);
  if (!candidates.length) throw new SealError('unknown-signer', `no certificate of ${sealer} yet`);
  let signed = false;
  for (const key of candidates)
    if ((signed = await verifyBatchSignatureAsync(meta, batch.body, sig, key))) break;
  if (!signed) throw new SealError('bad-signature', 'batch signature invalid');
  return chunks;
}
