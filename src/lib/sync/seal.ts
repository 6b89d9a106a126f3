import { deflateSync } from 'fflate';
import { inflateRaw } from './crypto/inflate';
import { z } from 'zod';
import type { OpChunk } from '$lib/oplog/format';
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
  fromCompact,
  fromWire,
  toCompact,
  wireChunkSchema
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
 * The plaintext of a sealed batch (version 2): one format byte, then the JSON
 * `[chunks, cert?]` with chunks in their compact form (wire-chunk.ts), deflated when that
 * pays. The format bytes have bits 1–2 set, which no deflate stream starts with (block
 * type 3 is reserved), so version 1 plaintexts (deflated `{cert, chunks}`) stay readable.
 */
const PLAIN_JSON = 0x06;
const PLAIN_DEFLATED = 0x0e;
// A one-field edit is ~120 bytes of JSON: deflate would save a few and cost a millisecond.
const DEFLATE_FROM = 512;

const payloadSchema = z.union([
  z.tuple([z.array(compactChunkSchema).min(1)]),
  z.tuple([z.array(compactChunkSchema).min(1), deviceCertificateSchema])
]);
const v1PayloadSchema = z.object({
  cert: deviceCertificateSchema,
  chunks: z.array(wireChunkSchema).min(1)
});

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
  const payload: unknown[] = [chunks.map((c) => toCompact(c, device))];
  if (options.certificate ?? true) payload.push(keys.cert);
  const json = utf8(JSON.stringify(payload));
  let plain = concat(PLAIN_JSON, json);
  if (json.length >= DEFLATE_FROM) {
    const deflated = deflateSync(json, { level: 1 });
    if (deflated.length < json.length) plain = concat(PLAIN_DEFLATED, deflated);
  }
  const body = await encryptBatch(key, meta, plain);
  const sig = await signBatchAsync(meta, body, keys.deviceSecret);
  const { office: _office, ...wire } = meta;
  void _office;
  return {
    meta: { ...wire, sig, ...(device === keys.device ? {} : { signer: keys.device }) },
    body
  };
}

function concat(format: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 1);
  out[0] = format;
  out.set(bytes, 1);
  return out;
}

/**
 * A batch's content once inflated: batches are cut to ~3 MiB of JSON (engine.ts), a single
 * large op can be more; past this it is a "zip bomb" from a member's key, not a batch.
 */
const MAX_PLAIN_BYTES = 64 * 1024 * 1024;

/** Chunks and the certificate carried inside, from a decrypted plaintext. Throws SealError. */
async function readPlaintext(
  plaintext: Uint8Array,
  meta: BatchMeta
): Promise<{ chunks: OpChunk[]; cert?: DeviceCertificate }> {
  const format = plaintext[0];
  let parsed: unknown;
  try {
    const json =
      format === PLAIN_JSON
        ? plaintext.subarray(1)
        : await inflateRaw(
            format === PLAIN_DEFLATED ? plaintext.subarray(1) : plaintext,
            MAX_PLAIN_BYTES
          );
    parsed = JSON.parse(fromUtf8(json));
  } catch {
    throw new SealError('malformed', 'batch content is not (deflated) JSON, or too large');
  }
  if (format !== PLAIN_JSON && format !== PLAIN_DEFLATED) {
    const v1 = v1PayloadSchema.safeParse(parsed);
    if (!v1.success)
      throw new SealError('malformed', `batch content: ${v1.error.issues[0]?.message}`);
    let next = meta.first;
    for (const chunk of v1.data.chunks) {
      if (chunk.device !== meta.device || chunk.first !== next)
        throw new SealError('wrong-range', 'chunks do not cover the batch’s range');
      next = chunk.last + 1;
    }
    if (next !== meta.last + 1)
      throw new SealError('wrong-range', 'chunks do not cover the batch’s range');
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
    if (full.last > meta.last)
      throw new SealError('wrong-range', 'chunks do not cover the batch’s range');
    chunks.push(full);
    next = full.last + 1;
  }
  if (next !== meta.last + 1)
    throw new SealError('wrong-range', 'chunks do not cover the batch’s range');
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
