import { ed25519 } from '@noble/curves/ed25519.js';

/**
 * Ed25519 through @noble/curves: the same code runs in every browser (WebCrypto Ed25519 is
 * recent in Chromium and absent in older Safari) and in Node. The relay verifies with Node's
 * native Ed25519 instead, for speed; signatures are standard, so both agree.
 */
export interface SigningKeyPair {
  publicKey: Uint8Array; // 32 bytes
  secretKey: Uint8Array; // 32 bytes seed — never leaves the device except inside a pairing
}

export const SIGNATURE_LENGTH = 64;
export const PUBLIC_KEY_LENGTH = 32;

export function generateSigningKeyPair(): SigningKeyPair {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function signingKeyPairFromSecret(secretKey: Uint8Array): SigningKeyPair {
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return ed25519.sign(message, secretKey);
}

/** False (never throws) for a malformed key or signature: callers reject, they don't crash. */
export function verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_LENGTH || publicKey.length !== PUBLIC_KEY_LENGTH) return false;
  try {
    return ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}
