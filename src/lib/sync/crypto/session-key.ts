import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { encodeFields } from './bytes';

/**
 * A key per relay connection, so that frames after the hello carry a 16-byte MAC instead
 * of a 64-byte Ed25519 signature (and cost a hash instead of a signature on both ends).
 * The relay's challenge carries a fresh X25519 public key; the device agrees a secret with
 * it using the X25519 form of its own Ed25519 key (as key grants do), the relay using the
 * device's public key from its certificate. Only that device and that relay process can
 * compute it, and it dies with the connection: a frame replayed into another connection
 * fails its MAC (`bad-signature`), and the rising counter it covers stops replays within one.
 * The hello itself stays signed with the device key over the challenge.
 */
export const FRAME_MAC_LENGTH = 16;

export function sessionKeyInfo(office: string, device: string): Uint8Array {
  return encodeFields('guanjia/relay-session/v2', office, device);
}

/** Device side. Throws on a relay key that is not a usable X25519 point. */
export function deviceSessionKey(
  deviceSecretKey: Uint8Array,
  relayExchangeKey: Uint8Array,
  nonce: Uint8Array,
  office: string,
  device: string
): Uint8Array {
  const shared = x25519.getSharedSecret(
    ed25519.utils.toMontgomerySecret(deviceSecretKey),
    relayExchangeKey
  );
  return hkdf(sha256, shared, nonce, sessionKeyInfo(office, device), 32);
}

/** The X25519 public key matching an Ed25519 public key (relay side of the agreement). */
export function exchangeKeyOf(devicePublicKey: Uint8Array): Uint8Array {
  return ed25519.utils.toMontgomery(devicePublicKey);
}

/** HMAC-SHA-256 of the frame after its authentication field, cut to 16 bytes. */
export function frameMac(sessionKey: Uint8Array, signedPart: Uint8Array): Uint8Array {
  return hmac(sha256, sessionKey, signedPart).subarray(0, FRAME_MAC_LENGTH);
}
