import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { toHex } from './bytes';

/** Synchronous SHA-256 (pure JS) so signing code stays synchronous in browser and Node. */
export function sha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}

/** Content address of a blob: lowercase hex SHA-256 of its ciphertext. */
export function blobAddress(ciphertext: Uint8Array): string {
  return toHex(sha256(ciphertext));
}
