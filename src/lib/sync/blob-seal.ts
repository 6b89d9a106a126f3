import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { aesKey, concatBytes, encodeFields, fromUtf8, randomBytes, toHex, utf8 } from './crypto';
import type { OfficeKeys } from './office-keys';

/**
 * An attachment (photo, signature, signed snapshot, stamp) as it leaves a device: cut into
 * pieces, each sealed on its own with the office key (AES-GCM), so that no road (relay frame,
 * data-channel message) ever carries more than one piece and pieces sealed by two devices
 * uploading the same blob at once are interchangeable (the cut depends only on the content).
 *
 * Piece = version u8 ‖ epoch u32 ‖ count u32 ‖ iv(12) ‖ ciphertext ‖ tag. The additional data
 * binds each piece to the office, the blob's plaintext hash, its epoch, index and count: a
 * piece served under another blob's address, at another index, or of another office does not
 * decrypt. The plaintext is `typeLength u8 ‖ media type ‖ bytes`, cut every `pieceBytes`:
 * the relay sees neither the media type (a signature is a PNG, a photo a JPEG) nor the hash.
 */
const VERSION = 1;
const HEAD_BYTES = 1 + 4 + 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Pieces stored at the relay: fixed, so every uploader cuts a blob the same way. */
export const RELAY_PIECE_BYTES = 128 * 1024;
/** db/blobs.ts refuses blobs above 8 MiB: 65 relay pieces at most; a small data channel cuts finer. */
export const MAX_PIECES = 1024;

export class BlobSealError extends Error {
  constructor(
    readonly reason: 'unknown-epoch' | 'decrypt' | 'malformed',
    message: string
  ) {
    super(message);
  }
}

const idKeys = new WeakMap<Uint8Array, Uint8Array>();

/**
 * Key for relay addresses, derived from the office's first key (epoch 1, which every paired
 * device holds, so an address never changes with a rotation). The relay never has it, so it
 * cannot tell which photo is which, nor link the same photo kept by two offices.
 */
function addressKey(keys: OfficeKeys): Uint8Array {
  const first = keys.epochs.reduce((a, b) => (b.epoch < a.epoch ? b : a));
  let key = idKeys.get(first.raw);
  if (!key) {
    key = hkdf(sha256, first.raw, utf8(keys.office), utf8('guanjia/blob-address/v1'), 32);
    idKeys.set(first.raw, key);
  }
  return key;
}

/** The relay address of piece `part` of the blob whose plaintext SHA-256 is `hash`. */
export function relayBlobId(keys: OfficeKeys, hash: string, part: number): string {
  return toHex(hmac(sha256, addressKey(keys), encodeFields('guanjia/blob-piece/v1', hash, part)));
}

function additionalData(
  office: string,
  hash: string,
  epoch: number,
  part: number,
  count: number
): Uint8Array {
  return encodeFields('guanjia/blob-aad/v2', office, hash, epoch, part, count);
}

function keyOf(keys: OfficeKeys, epoch: number): Uint8Array {
  const key = keys.epochs.find((k) => k.epoch === epoch);
  if (!key) throw new BlobSealError('unknown-epoch', `no office key for epoch ${epoch}`);
  return key.raw;
}

export interface SealOptions {
  /** Plaintext bytes per piece (the relay's fixed size, or what a data channel takes). */
  pieceBytes: number;
  /** Office key epoch to seal with (the newest the receiver holds). */
  epoch: number;
}

/** How many pieces `sealBlob` cuts a blob of this type and size into. */
export function piecesFor(type: string, byteLength: number, pieceBytes: number): number {
  const stream = 1 + Math.min(utf8(type).length, 255) + byteLength;
  return Math.max(1, Math.ceil(stream / pieceBytes));
}

export async function sealBlob(
  keys: OfficeKeys,
  hash: string,
  type: string,
  bytes: Uint8Array,
  { pieceBytes, epoch }: SealOptions
): Promise<Uint8Array[]> {
  const typeBytes = utf8(type).subarray(0, 255);
  const stream = concatBytes(new Uint8Array([typeBytes.length]), typeBytes, bytes);
  const count = piecesFor(type, bytes.length, pieceBytes);
  if (count > MAX_PIECES) throw new RangeError(`blob needs ${count} pieces`);
  const key = await aesKey(keyOf(keys, epoch));
  const pieces: Uint8Array[] = [];
  for (let part = 0; part < count; part++) {
    const iv = randomBytes(IV_BYTES);
    const sealed = await globalThis.crypto.subtle.encrypt(
      {
        name: 'AES-GCM',
        iv: iv as BufferSource,
        additionalData: additionalData(keys.office, hash, epoch, part, count) as BufferSource
      },
      key,
      stream.subarray(part * pieceBytes, (part + 1) * pieceBytes) as BufferSource
    );
    const head = new Uint8Array(HEAD_BYTES);
    const view = new DataView(head.buffer);
    view.setUint8(0, VERSION);
    view.setUint32(1, epoch);
    view.setUint32(5, count);
    pieces.push(concatBytes(head, iv, new Uint8Array(sealed)));
  }
  return pieces;
}

/** How many pieces the blob of this piece has (read from any piece), or undefined if malformed. */
export function pieceCount(piece: Uint8Array): number | undefined {
  if (piece.length < HEAD_BYTES + IV_BYTES + TAG_BYTES || piece[0] !== VERSION) return undefined;
  const count = new DataView(piece.buffer, piece.byteOffset, piece.byteLength).getUint32(5);
  return count >= 1 && count <= MAX_PIECES ? count : undefined;
}

/**
 * Decrypt every piece (in order) and return the media type and bytes. Throws BlobSealError;
 * the caller still checks the bytes' SHA-256 (db/blobs.ts `receiveBlob`).
 */
export async function openBlob(
  keys: OfficeKeys,
  hash: string,
  pieces: Uint8Array[]
): Promise<{ type: string; bytes: Uint8Array }> {
  const count = pieces.length;
  const parts: Uint8Array[] = [];
  for (const [part, piece] of pieces.entries()) {
    if (pieceCount(piece) !== count)
      throw new BlobSealError('malformed', `piece ${part} is not one of ${count}`);
    const epoch = new DataView(piece.buffer, piece.byteOffset, piece.byteLength).getUint32(1);
    const key = await aesKey(keyOf(keys, epoch));
    try {
      const plain = await globalThis.crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: piece.subarray(HEAD_BYTES, HEAD_BYTES + IV_BYTES) as BufferSource,
          additionalData: additionalData(keys.office, hash, epoch, part, count) as BufferSource
        },
        key,
        piece.subarray(HEAD_BYTES + IV_BYTES) as BufferSource
      );
      parts.push(new Uint8Array(plain));
    } catch {
      throw new BlobSealError('decrypt', `piece ${part} does not decrypt as this blob`);
    }
  }
  const stream = concatBytes(...parts);
  const typeLength = stream[0] ?? 0;
  if (stream.length < 1 + typeLength) throw new BlobSealError('malformed', 'no media type');
  let type: string;
  try {
    type = fromUtf8(stream.subarray(1, 1 + typeLength));
  } catch {
    throw new BlobSealError('malformed', 'media type is not UTF-8');
  }
  return { type, bytes: stream.slice(1 + typeLength) };
}
