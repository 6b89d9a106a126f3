import { z } from 'zod';
import { concatBytes, fromUtf8, utf8 } from './crypto/bytes';
import { frameSignatureMessage } from './crypto/envelope';
import { FRAME_MAC_LENGTH, frameMac } from './crypto/session-key';
import { sign, SIGNATURE_LENGTH } from './crypto/signing';
import { decodeBinaryHeader, encodeBinaryHeader, HeaderDecodeError } from './wire-header';

/**
 * Wire protocol between devices and the relay (documented in src/relay/README.md).
 *
 * Every WebSocket message is one binary frame (version 2):
 *   auth kind (1 byte): 0xa0 none (relay→device, device↔device, pairing), 0xa1 Ed25519
 *     signature (64 bytes, the hello), 0xa2 session MAC (16 bytes, device frames after hello)
 *   auth (0, 64 or 16 bytes)
 *   header length (unsigned LEB128)
 *   header: UTF-8 JSON, or for push/batch/ack a compact binary form (wire-header.ts);
 *     both validated by the schemas below
 *   body (raw bytes: batch ciphertext, blob, pairing message; may be empty)
 * Binary rather than JSON+base64 because batches dominate the traffic: raw bodies cost no
 * 33% inflation and no base64 pass on either side, and the relay can forward a stored body
 * without re-encoding it. Version 1 frames (64-byte signature field, u32 header length, JSON
 * header) are still read, so files exported by version 1 import.
 */
export const PROTOCOL_VERSION = 2;
export const RELAY_PATH = '/v1';
const V1_HEADER_OFFSET = SIGNATURE_LENGTH + 4;
const AUTH_NONE = 0xa0;
const AUTH_SIGNATURE = 0xa1;
const AUTH_MAC = 0xa2;

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
  // `snapshot`: a piece of a snapshot (its parts or pointer), which `office-blob-drop` may
  // delete later; every other piece (photos, signatures, the stamp) it never can.
  z.object({
    t: z.literal('office-blob-put'),
    n: counter,
    id: hash,
    snapshot: z.literal(true).optional()
  }),
  z.object({ t: z.literal('office-blob-get'), n: counter, id: hash }),
  z.object({ t: z.literal('office-blob-has'), n: counter, ids: blobIds.min(1) }),
  // Old snapshots' pieces (lib/sync/snapshot-relay.ts dropOldSnapshots): deleted from this
  // office's blobs, those ids only and only pieces put as `snapshot`; others are ignored.
  z.object({ t: z.literal('office-blob-drop'), n: counter, ids: blobIds.min(1) }),
  z.object({ t: z.literal('revoke'), n: counter, revocation: revocationListSchema }),
  // A snapshot covering `vector` is published (lib/sync/snapshot-relay.ts): the relay may drop
  // the batches of that range every enrolled device holds (relay/prune.ts).
  z.object({ t: z.literal('prune'), n: counter, vector }),
  // What this device holds (after a catch-up, and now and then when live): pruning waits for it.
  z.object({ t: z.literal('holds'), n: counter, vector }),
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
    kx: b64, // the relay's X25519 key for this connection's frame MACs (crypto/session-key.ts)
    maxBodyBytes: z.number().int().min(1) // so devices cut batches the relay will take
  }),
  z.object({
    t: z.literal('welcome'),
    re: z.literal(0),
    vector,
    revocation: z.number().int().min(0),
    // Per author: ops up to here were pruned after compaction; a device holding less joins
    // from a snapshot (absent: nothing pruned; a relay of before pruning).
    floor: vector.optional()
  }),
  z.object({ t: z.literal('ack'), re, device: id, have: z.number().int().min(0) }),
  z.object({
    t: z.literal('batch'),
    re: re.optional(),
    batch: wireBatchSchema,
    // The author's certificate, the first time this connection gets one of its batches:
    // sealed batches do not carry it (seal.ts), and it lets the device check the signature.
    cert: deviceCertificateSchema.optional()
  }),
  z.object({ t: z.literal('pulled'), re, vector, floor: vector.optional() }),
  z.object({
    t: z.literal('pruned'),
    re,
    floor: vector,
    batches: z.number().int().min(0),
    bytes: z.number().int().min(0)
  }),
  z.object({ t: z.literal('signal'), from: id, data: z.unknown() }),
  z.object({ t: z.literal('blob-stored'), re, hash, expires: z.number().int() }),
  z.object({ t: z.literal('blob'), re, hash }),
  z.object({ t: z.literal('office-blob-stored'), re, id: hash }),
  z.object({ t: z.literal('office-blob'), re, id: hash }),
  z.object({ t: z.literal('office-blob-missing'), re, ids: blobIds }),
  // The ids that were held and are gone now, and the bytes they freed from the office's quota.
  z.object({
    t: z.literal('office-blob-dropped'),
    re,
    ids: blobIds,
    bytes: z.number().int().min(0)
  }),
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
  /** 1: the old layout (files written by version 1); 2: the current one. */
  version: 1 | 2;
  auth: 'none' | 'signature' | 'mac';
  signature: Uint8Array; // the auth bytes: Ed25519 signature, MAC, or empty / zeros
  signedPart: Uint8Array; // everything after the auth bytes
  header: unknown; // parsed, not yet validated
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

function parseHeader(bytes: Uint8Array, jsonOnly: boolean, sender?: string): unknown {
  if (bytes[0] !== 0x7b /* { */ && !jsonOnly) {
    try {
      return decodeBinaryHeader(bytes, sender);
    } catch (error) {
      if (error instanceof HeaderDecodeError) throw new FrameError('malformed', error.message);
      throw error;
    }
  }
  try {
    return JSON.parse(fromUtf8(bytes));
  } catch {
    throw new FrameError('malformed', 'header is not UTF-8 JSON');
  }
}

function decodeV1Frame(bytes: Uint8Array, maxHeaderBytes: number): Frame {
  if (bytes.length < V1_HEADER_OFFSET)
    throw new FrameError(
      'malformed',
      `frame of ${bytes.length} bytes is shorter than ${V1_HEADER_OFFSET}`
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = view.getUint32(SIGNATURE_LENGTH);
  if (headerBytes > maxHeaderBytes)
    throw new FrameError('too-large', `header of ${headerBytes} bytes exceeds ${maxHeaderBytes}`);
  if (V1_HEADER_OFFSET + headerBytes > bytes.length)
    throw new FrameError('malformed', 'header length beyond end of frame');
  const signature = bytes.subarray(0, SIGNATURE_LENGTH);
  return {
    version: 1,
    auth: signature.every((b) => b === 0) ? 'none' : 'signature',
    signature,
    signedPart: bytes.subarray(SIGNATURE_LENGTH),
    header: parseHeader(bytes.subarray(V1_HEADER_OFFSET, V1_HEADER_OFFSET + headerBytes), true),
    headerBytes,
    body: bytes.subarray(V1_HEADER_OFFSET + headerBytes)
  };
}

/** `sender`: the device the connection authenticated (the relay reads its pushes with it). */
export function decodeFrame(
  bytes: Uint8Array,
  maxHeaderBytes = DEFAULT_LIMITS.maxHeaderBytes,
  sender?: string
): Frame {
  const kind = bytes[0];
  if (kind !== AUTH_NONE && kind !== AUTH_SIGNATURE && kind !== AUTH_MAC)
    return decodeV1Frame(bytes, maxHeaderBytes);
  const authBytes =
    kind === AUTH_SIGNATURE ? SIGNATURE_LENGTH : kind === AUTH_MAC ? FRAME_MAC_LENGTH : 0;
  let at = 1 + authBytes;
  let headerBytes = 0;
  for (let shift = 1, i = 0; ; i++, shift *= 0x80) {
    if (at >= bytes.length || i === 4)
      throw new FrameError('malformed', 'frame too short for its header length');
    const byte = bytes[at++];
    headerBytes += (byte & 0x7f) * shift;
    if (!(byte & 0x80)) break;
  }
  if (headerBytes > maxHeaderBytes)
    throw new FrameError('too-large', `header of ${headerBytes} bytes exceeds ${maxHeaderBytes}`);
  if (headerBytes === 0) throw new FrameError('malformed', 'empty header');
  if (at + headerBytes > bytes.length)
    throw new FrameError('malformed', 'header length beyond end of frame');
  return {
    version: 2,
    auth: kind === AUTH_SIGNATURE ? 'signature' : kind === AUTH_MAC ? 'mac' : 'none',
    signature: bytes.subarray(1, 1 + authBytes),
    signedPart: bytes.subarray(1 + authBytes),
    header: parseHeader(bytes.subarray(at, at + headerBytes), false, sender),
    headerBytes,
    body: bytes.subarray(at + headerBytes)
  };
}

function signedPartOf(header: object, body: Uint8Array, sender?: string): Uint8Array {
  const encoded = encodeBinaryHeader(header, sender) ?? utf8(JSON.stringify(header));
  const length: number[] = [];
  for (let n = encoded.length; ; n = Math.floor(n / 0x80)) {
    if (n < 0x80) {
      length.push(n);
      break;
    }
    length.push((n % 0x80) | 0x80);
  }
  return concatBytes(Uint8Array.from(length), encoded, body);
}

/** An unauthenticated frame: relay → device, device ↔ device (batches carry their own signatures), pairing. */
export function encodeFrame(header: object, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concatBytes(Uint8Array.of(AUTH_NONE), signedPartOf(header, body));
}

/** A device frame signed with the device key over the relay's session nonce (the hello). */
export function encodeSignedFrame(
  header: ClientHeader,
  body: Uint8Array,
  sessionNonce: Uint8Array,
  deviceSecretKey: Uint8Array
): Uint8Array {
  const signedPart = signedPartOf(header, body);
  return concatBytes(
    Uint8Array.of(AUTH_SIGNATURE),
    sign(frameSignatureMessage(sessionNonce, signedPart), deviceSecretKey),
    signedPart
  );
}

/**
 * A device frame after the hello, authenticated with the connection's key
 * (crypto/session-key.ts). `sender` = this device: its own pushes leave the device out.
 */
export function encodeMacFrame(
  header: ClientHeader,
  body: Uint8Array,
  sessionKey: Uint8Array,
  sender?: string
): Uint8Array {
  const signedPart = signedPartOf(header, body, sender);
  return concatBytes(Uint8Array.of(AUTH_MAC), frameMac(sessionKey, signedPart), signedPart);
}
