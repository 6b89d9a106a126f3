import { z } from 'zod';
import { MAX_PIECES } from './blob-seal';
import {
  decodeFrame,
  deviceCertificateSchema,
  encodeFrame,
  PROTOCOL_VERSION,
  revocationListSchema,
  wireBatchSchema
} from './protocol';

/**
 * Device ↔ device messages (README "Device ↔ device protocol"), framed like the relay's
 * frames with a zero signature: batches carry their own signatures, and the hello's
 * certificate proves the peer belongs to the office.
 */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const vector = z
  .record(id, z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
  .refine((v) => Object.keys(v).length <= 10_000, 'vector too long');

export const peerHeaderSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('hello'),
    v: z.literal(PROTOCOL_VERSION),
    office: id,
    device: id,
    cert: deviceCertificateSchema,
    vector,
    epoch: z.number().int().min(1),
    revocation: revocationListSchema.optional()
  }),
  z.object({
    t: z.literal('batch'),
    batch: z.intersection(wireBatchSchema, z.object({ signer: id.optional() }))
  }),
  z.object({ t: z.literal('ack'), vector }),
  z.object({ t: z.literal('want'), vector }),
  // Attachments on demand (blob-peer.ts): by plaintext hash, each piece sealed (blob-seal.ts).
  z.object({ t: z.literal('blob-want'), hash }),
  z.object({ t: z.literal('blob'), hash, part: z.number().int().min(0).max(MAX_PIECES) }),
  z.object({ t: z.literal('blob-none'), hash })
]);
export type PeerHeader = z.infer<typeof peerHeaderSchema>;

export function encodePeerFrame(header: PeerHeader, body?: Uint8Array): Uint8Array {
  return encodeFrame(header, body);
}

/** Throws on anything that is not a valid frame with a valid header. */
export function decodePeerFrame(bytes: Uint8Array): { header: PeerHeader; body: Uint8Array } {
  const frame = decodeFrame(bytes);
  return { header: peerHeaderSchema.parse(frame.header), body: frame.body.slice() };
}
