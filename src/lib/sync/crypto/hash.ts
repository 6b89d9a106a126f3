import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { toHex } from './bytes';

/** Synchronous SHA-256 (pure JS) so signing code stays synchronous in browser and Node. */
export function sha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}

/**
 * SHA-256 by WebCrypto where there is one (native, off this thread: a catch-up hashes every
 * batch it receives, ~16 MiB for the large office), else the JS code (plain http: no subtle).
 */
export async function sha256Async(bytes: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return sha256(bytes);
  return new Uint8Array(await subtle.digest('SHA-256', bytes as BufferSource));
}

/** Content address of a blob: lowercase hex SHA-256 of its ciphertext. */
export function blobAddress(ciphertext: Uint8Array): string {
  return toHex(sha256(ciphertext));
}
