import { z } from 'zod';
import { concatBytes, fromUtf8, utf8 } from './crypto/bytes';
import { frameSignatureMessage } from './crypto/envelope';
import { sign, SIGNATURE_LENGTH } from './crypto/signing';

/**
 * Wire protocol between devices and the relay (documented in src/relay/README.md).
 *
 * Every WebSocket message is one binary frame:
 *   signature (64 bytes, Ed25519; zeros in relay→device frames and pairing frames)
 *   header length (u32 big-endian)
 *   header (UTF-8 JSON, validated by the schemas below)
 *   body (raw bytes: batch ciphertext, blob, pairing message; may be empty)
 * Binary rather than JSON+base64 because batches dominate the traffic: raw bodies cost no
 * 33% inflation and no base64 pass on either side, and the relay can forward a stored body
 * without re-encoding it. Headers stay JSON so they are easy to read in a log.
 */
export const PROTOCOL_VERSION = 1;
export const RELAY_PATH = '/v1';
const HEADER_OFFSET = SIGNATURE_LENGTH + 4;

export const ERROR_CODES = [
  'malformed', // not a frame, bad JSON, or fails the schema
  'too-large', // frame, header or body above the limit
  'rate-limited', // device's token bucket empty; retry after `retryAfterMs`
  'quota-exceeded', // office storage quota reached
  'too-many-connections', // office connection limit reached
  'not-authenticated', // message other than hello/pairing before a successful hello
  'wrong-office', // office id is not derived from the presented office key, or pinned key differs
  'not-enrolled', // device certificate not signed by the office key
  'revoked', // device is on the office's revocation list
  'bad-signature', // frame or batch signature invalid (forged, or replayed into another session)
  'replay', // frame counter not above the last one of this session
  'unknown-device', // batch of a device the relay has never seen enrolled
  'gap', // batch starts after the relay's highest seq + 1; resend from `have` + 1
  'overlap', // batch straddles the relay's highest seq; re-cut from `have` + 1
  'stale-revocation', // revocation version not above the relay's
  'not-connected', // signal target device not connected
  'not-found', // blob or pairing unknown or expired
  'pairing-taken', // pairing role already claimed (pairings are one-time)
  'internal' // storage failure: nothing was acknowledged
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Errors after which the relay closes the connection: the peer is misbehaving or not allowed. */
export const FATAL_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'wrong-office',
  'not-enrolled',
  'revoked',
  'bad-signature',
  'replay',
  'too-many-connections'
]);

export interface RelayLimits {
  maxBodyBytes: number; // per batch or blob
  maxHeaderBytes: number;
  ratePerSecond: number; // token bucket refill per device
  rateBurst: number; // token bucket size
  officeQuotaBytes: number; // batches + blobs per office
  maxConnectionsPerOffice: number;
  maxBlobTtlSeconds: number;
  pairingTtlSeconds: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
  maxBodyBytes: 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  ratePerSecond: 100,
  rateBurst: 500,
  officeQuotaBytes: 1024 * 1024 * 1024,
  maxConnectionsPerOffice: 32,
  maxBlobTtlSeconds: 30 * 24 * 3600,
  pairingTtlSeconds: 600
};

// ---- field schemas -------------------------------------------------------------------

const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'id: 8–64 base64url characters');
const b64 = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/)
  .max(128);
const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const counter = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const re = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const hash = z.string().regex(/^[0-9a-f]{64}$/);
/** Office blob addresses asked about at once (`office-blob-has`): ~17 KB of header. */
export const MAX_BLOB_IDS = 256;
const blobIds = z.array(hash).max(MAX_BLOB_IDS);
const vector = z
  .record(id, z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
  .refine((v) => Object.keys(v).length <= 10_000, 'vector too long');

export const deviceCertificateSchema = z.object({ device: id, key: b64, sig: b64 });
export const revocationListSchema = z.object({
  version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  devices: z.array(id).max(10_000),
  sig: b64
});

/** A batch's cleartext metadata on the wire; the office is the session's. */
export const wireBatchSchema = z
  .object({
    device: id,
    first: seq,
    last: seq,
    epoch: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31),
    schema: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31),
    sig: b64 // author's batch signature (crypto/envelope.ts)
  })
  .refine((b) => b.last >= b.first, 'last < first');
export type WireBatch = z.infer<typeof wireBatchSchema>;

// ---- device → relay -------------------------------------------------------------------

export const pairingRoleSchema = z.enum(['host', 'guest']);
export type PairingRole = z.infer<typeof pairingRoleSchema>;
const pairingId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22,64}$/, 'pairing id: at least 128 random bits');

export const clientHeaderSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('hello'),
    n: z.literal(0),
    v: z.literal(PROTOCOL_VERSION),
    office: id,
    device: id,
    officeKey: b64,
    cert: deviceCertificateSchema,
    revocation: revocationListSchema.optional()
  }),
  z.object({ t: z.literal('push'), n: counter, batch: wireBatchSchema }),
  z.object({ t: z.literal('pull'), n: counter, vector }),
  z.object({ t: z.literal('signal'), n: counter, to: id, data: z.unknown() }),
  z.object({ t: z.literal('blob-put'), n: counter, ttl: z.number().int().min(1) }),
  z.object({ t: z.literal('blob-get'), n: counter, hash }),
  // Office blobs (photos, signatures): pieces sealed by the devices under an address the relay
  // cannot link to their content (lib/sync/blob-seal.ts), kept like batches (relay/office-blobs.ts).
  z.object({ t: z.literal('office-blob-put'), n: counter, id: hash }),
  z.object({ t: z.literal('office-blob-get'), n: counter, id: hash }),
  z.object({ t: z.literal('office-blob-has'), n: counter, ids: blobIds.min(1) }),
  z.object({ t: z.literal('revoke'), n: counter, revocation: revocationListSchema }),
  // Pairing frames need no hello (the new device has no certificate yet) and no signature.
  z.object({ t: z.literal('pair-open'), n: counter, pairing: pairingId, role: pairingRoleSchema }),
  z.object({ t: z.literal('pair-send'), n: counter, pairing: pairingId, role: pairingRoleSchema })
]);
export type ClientHeader = z.infer<typeof clientHeaderSchema>;

// ---- relay → device -------------------------------------------------------------------

export const relayHeaderSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('challenge'),
    v: z.literal(PROTOCOL_VERSION),
    nonce: b64,
    maxBodyBytes: z.number().int().min(1) // so devices cut batches the relay will take
  }),
  z.object({
    t: z.literal('welcome'),
    re: z.literal(0),
    vector,
    revocation: z.number().int().min(0)
  }),
  z.object({ t: z.literal('ack'), re, device: id, have: z.number().int().min(0) }),
  z.object({ t: z.literal('batch'), re: re.optional(), batch: wireBatchSchema }),
  z.object({ t: z.literal('pulled'), re, vector }),
  z.object({ t: z.literal('signal'), from: id, data: z.unknown() }),
  z.object({ t: z.literal('blob-stored'), re, hash, expires: z.number().int() }),
  z.object({ t: z.literal('blob'), re, hash }),
  z.object({ t: z.literal('office-blob-stored'), re, id: hash }),
  z.object({ t: z.literal('office-blob'), re, id: hash }),
  z.object({ t: z.literal('office-blob-missing'), re, ids: blobIds }),
  z.object({ t: z.literal('pair-msg'), pairing: pairingId, from: pairingRoleSchema }),
  z.object({ t: z.literal('ok'), re }),
  z.object({
    t: z.literal('error'),
    re: re.optional(),
    code: z.enum(ERROR_CODES),
    message: z.string(),
    have: z.number().int().min(0).optional(),
    retryAfterMs: z.number().int().min(0).optional()
  })
]);
export type RelayHeader = z.infer<typeof relayHeaderSchema>;

// ---- framing ----------------------------------------------------------------------------

export interface Frame {
  signature: Uint8Array;
  signedPart: Uint8Array; // everything after the signature
  header: unknown; // parsed JSON, not yet validated
  headerBytes: number;
  body: Uint8Array;
}

export class FrameError extends Error {
  constructor(
    readonly code: 'malformed' | 'too-large',
    message: string
  ) {
    super(message);
  }
}

export function decodeFrame(
  bytes: Uint8Array,
  maxHeaderBytes = DEFAULT_LIMITS.maxHeaderBytes
): Frame {
  if (bytes.length < HEADER_OFFSET)
    throw new FrameError(
      'malformed',
      `frame of ${bytes.length} bytes is shorter than ${HEADER_OFFSET}`
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = view.getUint32(SIGNATURE_LENGTH);
  if (headerBytes > maxHeaderBytes)
    throw new FrameError('too-large', `header of ${headerBytes} bytes exceeds ${maxHeaderBytes}`);
  if (HEADER_OFFSET + headerBytes > bytes.length)
    throw new FrameError('malformed', 'header length beyond end of frame');
  let header: unknown;
  try {
    header = JSON.parse(fromUtf8(bytes.subarray(HEADER_OFFSET, HEADER_OFFSET + headerBytes)));
  } catch {
    throw new FrameError('malformed', 'header is not UTF-8 JSON');
  }
  return {
    signature: bytes.subarray(0, SIGNATURE_LENGTH),
    signedPart: bytes.subarray(SIGNATURE_LENGTH),
    header,
    headerBytes,
    body: bytes.subarray(HEADER_OFFSET + headerBytes)
  };
}

function signedPartOf(header: object, body: Uint8Array): Uint8Array {
  const json = utf8(JSON.stringify(header));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, json.length);
  return concatBytes(length, json, body);
}

/** An unsigned frame: relay → device, and pairing frames. */
export function encodeFrame(header: object, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concatBytes(new Uint8Array(SIGNATURE_LENGTH), signedPartOf(header, body));
}

/** A device frame, signed over the relay's session nonce (see crypto/envelope.ts). */
export function encodeSignedFrame(
  header: ClientHeader,
  body: Uint8Array,
  sessionNonce: Uint8Array,
  deviceSecretKey: Uint8Array
): Uint8Array {
  const signedPart = signedPartOf(header, body);
  return concatBytes(
    sign(frameSignatureMessage(sessionNonce, signedPart), deviceSecretKey),
    signedPart
  );
}
