/**
 * The owner link's fragment, `/n/#<fragment>` (DESIGN.md "Owner-facing pages"): the content
 * travels in the fragment, which browsers never send to a server.
 *
 * - `n1.<base64url(publicKey ‖ signature ‖ deflated JSON)>` — the whole notice, signed with
 *   Ed25519 by the office. The key travels with it; the page shows its fingerprint, which the
 *   printed poster shows too.
 * - `s1.<base64url(relay URL)>.<sha256 hex>.<base64url(key)>` — a short link: the same signed
 *   bytes, encrypted with a random AES-GCM key that only the fragment holds, stored by the
 *   office's relay under the hash of the ciphertext (src/relay/README.md: `GET /b/<hash>`).
 */
import { encodeFields } from '$lib/sync/crypto/bytes';

export const SIGNED_PREFIX = 'n1.';
export const SHORT_PREFIX = 's1.';
export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;
export const SHORT_KEY_BYTES = 16;
export const IV_BYTES = 12;

/**
 * Links longer than this go through the relay when the office has one: WeChat and most chat
 * apps keep about 2,000 characters of a link (issue 8).
 */
export const MAX_CHAT_LINK_CHARS = 2000;

/** What the office signs: the compressed notice, under a label no other signature uses. */
export function signedMessage(compressed: Uint8Array): Uint8Array {
  return encodeFields('guanjia/owner-notice/v1', compressed);
}

/** Additional data of a short link's ciphertext: it can only be read as a short link. */
export const SHORT_LINK_AAD = new TextEncoder().encode('guanjia/owner-short/v1');

/** Ties a displayed fingerprint to this purpose only. */
export const FINGERPRINT_LABEL = new TextEncoder().encode('guanjia/owner-key/v1');

/** "ABCD-EFGH": eight characters of the key's hash, easy to compare with the poster. */
export function formatFingerprint(digest: Uint8Array): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I
  let out = '';
  for (let i = 0; i < 8; i++) out += alphabet[digest[i] % 32];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}
