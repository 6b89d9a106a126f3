import { deflateSync, inflateSync } from 'fflate';
import { z } from 'zod';
import type { OpChunk } from '$lib/domain/ops';
import {
  decryptBatch,
  encryptBatch,
  fromBase64Url,
  fromUtf8,
  signBatch,
  utf8,
  verifyBatchSignature,
  verifyDeviceCertificate,
  type BatchMeta
} from './crypto';
import { deviceCertificateSchema, type WireBatch } from './protocol';
import { keyring, type OfficeKeys } from './office-keys';
import { fromWire, toWire, wireChunkSchema } from './wire-chunk';

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

const payloadSchema = z.object({
  cert: deviceCertificateSchema,
  chunks: z.array(wireChunkSchema).min(1)
});

/**
 * Seal the ops `first..last` of one author (chunks contiguous, in order): deflate (JSON
 * of field ops compresses 4–8×, which is most of the bytes on the wire), encrypt with the
 * office key of `epoch` bound to the metadata, sign with this device's key.
 */
export async function sealChunks(
  keys: OfficeKeys,
  chunks: OpChunk[],
  epoch: number
): Promise<SealedBatch> {
  const key = keys.epochs.find((k) => k.epoch === epoch);
  if (!key) throw new Error(`no office key for epoch ${epoch}`);
  const device = chunks[0].device;
  const meta: BatchMeta = {
    office: keys.office,
    device,
    first: chunks[0].first,
    last: chunks[chunks.length - 1].last,
    epoch,
    schema: Math.max(...chunks.map((c) => c.sv))
  };
  const json = JSON.stringify({ cert: keys.cert, chunks: chunks.map(toWire) });
  const body = await encryptBatch(key, meta, deflateSync(utf8(json), { level: 1 }));
  const sig = signBatch(meta, body, keys.deviceSecret);
  const { office: _office, ...wire } = meta;
  void _office;
  return {
    meta: { ...wire, sig, ...(device === keys.device ? {} : { signer: keys.device }) },
    body
  };
}

const verifiedCerts = new Set<string>();

/** Decrypt, check the sealer's certificate and signature, validate every chunk. Throws SealError. */
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(inflateSync(plaintext)));
  } catch {
    throw new SealError('malformed', 'batch content is not deflated JSON');
  }
  const payload = payloadSchema.safeParse(parsed);
  if (!payload.success)
    throw new SealError('malformed', `batch content: ${payload.error.issues[0]?.message}`);
  const { cert, chunks } = payload.data;
  const sealer = signer ?? meta.device;
  const certKey = `${cert.device}/${cert.key}/${cert.sig}`;
  if (cert.device !== sealer)
    throw new SealError('bad-certificate', 'certificate is not the sealer’s');
  if (!verifiedCerts.has(certKey)) {
    if (!verifyDeviceCertificate(keys.officePublic, keys.office, cert))
      throw new SealError('bad-certificate', 'certificate not signed by the office');
    verifiedCerts.add(certKey);
  }
  if (!verifyBatchSignature(meta, batch.body, sig, fromBase64Url(cert.key)))
    throw new SealError('bad-signature', 'batch signature invalid');
  let next = meta.first;
  for (const chunk of chunks) {
    if (chunk.device !== meta.device || chunk.first !== next)
      throw new SealError('wrong-range', 'chunks do not cover the batch’s range');
    next = chunk.last + 1;
  }
  if (next !== meta.last + 1)
    throw new SealError('wrong-range', 'chunks do not cover the batch’s range');
  return chunks.map(fromWire);
}
