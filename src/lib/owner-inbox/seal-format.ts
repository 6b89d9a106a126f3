/**
 * What seal.ts (@noble, the desk) and seal-web.ts (WebCrypto, the phone) share, without either
 * library: the envelope's layout and labels. Relative imports (the relay's tests use it).
 */
import { encodeFields } from '../sync/crypto/bytes';

/** version ‖ ephemeral X25519 public key (32) ‖ nonce (12) ‖ AES-256-GCM ciphertext. */
export const SEAL_VERSION = 1;
export const NONCE_BYTES = 12;
/** HKDF-SHA256 info of the sealing key (salt: ephemeral public key ‖ recipient public key). */
export const SEAL_INFO = 'guanjia/owner-inbox/v1';
export const STATUS_LABEL = 'guanjia/owner-status/v1';

export class SealError extends Error {}

/** What the office signs of a status update: its id and its encrypted box. */
export function statusMessage(statusId: string, box: Uint8Array): Uint8Array {
  return encodeFields(STATUS_LABEL, statusId, box);
}
