import { encodeFields, fromBase64Url, toBase64Url } from './bytes';
import type { BatchMeta } from './batch-cipher';
import { sha256, sha256Async } from './hash';
import { sign, signAsync, verify, verifyAsync } from './signing';

/**
 * Two signatures, two jobs:
 * - the batch signature is end to end: the author device signs (meta, hash of ciphertext) once,
 *   the relay stores it with the batch, and every receiving device can check who wrote it,
 *   however many hops it took;
 * - the frame signature is per relay session: it covers the relay's random challenge and the
 *   whole frame (including its rising counter), so a captured frame cannot be replayed, in
 *   the same session or any other.
 */
export function batchSignatureMessage(meta: BatchMeta, ciphertext: Uint8Array): Uint8Array {
  return batchSignatureMessageOfDigest(meta, sha256(ciphertext));
}

/** The same message, its SHA-256 by WebCrypto (the async sign and verify below). */
async function batchSignatureMessageAsync(
  meta: BatchMeta,
  ciphertext: Uint8Array
): Promise<Uint8Array> {
  return batchSignatureMessageOfDigest(meta, await sha256Async(ciphertext));
}

/** Same message from a precomputed SHA-256 (the relay hashes natively). */
export function batchSignatureMessageOfDigest(
  meta: BatchMeta,
  ciphertextDigest: Uint8Array
): Uint8Array {
  return encodeFields(
    'guanjia/batch-sig/v1',
    meta.office,
    meta.device,
    meta.first,
    meta.last,
    meta.epoch,
    meta.schema,
    ciphertextDigest
  );
}

export function signBatch(
  meta: BatchMeta,
  ciphertext: Uint8Array,
  deviceSecretKey: Uint8Array
): string {
  return toBase64Url(sign(batchSignatureMessage(meta, ciphertext), deviceSecretKey));
}

export function verifyBatchSignature(
  meta: BatchMeta,
  ciphertext: Uint8Array,
  sig: string,
  devicePublicKey: Uint8Array
): boolean {
  let signature: Uint8Array;
  try {
    signature = fromBase64Url(sig);
  } catch {
    return false;
  }
  return verify(signature, batchSignatureMessage(meta, ciphertext), devicePublicKey);
}

/** `signBatch` with native Ed25519 where available (the live path: one batch per edit). */
export async function signBatchAsync(
  meta: BatchMeta,
  ciphertext: Uint8Array,
  deviceSecretKey: Uint8Array
): Promise<string> {
  const message = await batchSignatureMessageAsync(meta, ciphertext);
  return toBase64Url(await signAsync(message, deviceSecretKey));
}

export async function verifyBatchSignatureAsync(
  meta: BatchMeta,
  ciphertext: Uint8Array,
  sig: string,
  devicePublicKey: Uint8Array
): Promise<boolean> {
  let signature: Uint8Array;
  try {
    signature = fromBase64Url(sig);
  } catch {
    return false;
  }
  const message = await batchSignatureMessageAsync(meta, ciphertext);
  return verifyAsync(signature, message, devicePublicKey);
}

/** `signedPart` is the frame after its signature field (header length, header, body). */
export function frameSignatureMessage(
  sessionNonce: Uint8Array,
  signedPart: Uint8Array
): Uint8Array {
  return frameSignatureMessageOfDigest(sessionNonce, sha256(signedPart));
}

export function frameSignatureMessageOfDigest(
  sessionNonce: Uint8Array,
  signedPartDigest: Uint8Array
): Uint8Array {
  return encodeFields('guanjia/relay-frame/v1', sessionNonce, signedPartDigest);
}
