/**
 * Staff side: sign and compress a notice into a link, and seal a short link's content.
 * Never imported by the owner page (it brings the signing half of @noble/curves).
 */
import { deflateSync } from 'fflate';
import { concatBytes, randomBytes, toBase64Url, utf8 } from '$lib/sync/crypto/bytes';
import { sha256 } from '$lib/sync/crypto/hash';
import { sign, signingKeyPairFromSecret } from '$lib/sync/crypto/signing';
import {
  FINGERPRINT_LABEL,
  IV_BYTES,
  SHORT_KEY_BYTES,
  SHORT_LINK_AAD,
  SHORT_PREFIX,
  SIGNED_PREFIX,
  formatFingerprint,
  signedMessage
} from './link-format';
import type { OwnerNotice } from './payload';

/** publicKey ‖ signature ‖ deflated JSON: what a link carries, directly or through the relay. */
export function signNotice(notice: OwnerNotice, secretKey: Uint8Array): Uint8Array {
  const { publicKey } = signingKeyPairFromSecret(secretKey);
  const compressed = deflateSync(utf8(JSON.stringify(notice)), { level: 9 });
  const signature = sign(signedMessage(compressed), secretKey);
  return concatBytes(publicKey, signature, compressed);
}

export function signedFragment(signed: Uint8Array): string {
  return SIGNED_PREFIX + toBase64Url(signed);
}

/** The key's fingerprint, as the owner page shows it and the poster prints it. */
export function fingerprintOf(publicKey: Uint8Array): string {
  return formatFingerprint(sha256(concatBytes(FINGERPRINT_LABEL, publicKey)));
}

export interface SealedShortLink {
  /** iv ‖ AES-GCM ciphertext: what the relay stores. */
  ciphertext: Uint8Array;
  key: Uint8Array;
}

/** Encrypts signed notice bytes for the relay under a fresh key that only the link holds. */
export async function sealShortLink(signed: Uint8Array): Promise<SealedShortLink> {
  const key = randomBytes(SHORT_KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const aes = await crypto.subtle.importKey('raw', key as BufferSource, 'AES-GCM', false, [
    'encrypt'
  ]);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: SHORT_LINK_AAD as BufferSource },
    aes,
    signed as BufferSource
  );
  return { ciphertext: concatBytes(iv, new Uint8Array(sealed)), key };
}

/** `s1.<relay>.<hash>.<key>`; `relayHttpUrl` is where phones fetch `/b/<hash>`. */
export function shortFragment(relayHttpUrl: string, hash: string, key: Uint8Array): string {
  return `${SHORT_PREFIX}${toBase64Url(utf8(relayHttpUrl))}.${hash}.${toBase64Url(key)}`;
}
