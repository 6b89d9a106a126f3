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

// ---- native Ed25519 (WebCrypto) for the per-batch path ----------------------------------
// Signing a batch and checking one are on the path of every live edit; WebCrypto's Ed25519
// (Chromium, Firefox, Safari 17+, Node) is 20–50× faster than the JS code above. Signatures
// are deterministic and standard, so both produce and accept the same bytes; where WebCrypto
// lacks Ed25519 the JS code is used instead.
// PKCS#8 wrapping of a 32-byte Ed25519 seed (RFC 8410): WebCrypto imports private keys no other way.
const PKCS8_ED25519_PREFIX = Uint8Array.from(
  '302e020100300506032b657004220420'.match(/../g) ?? [],
  (byte) => parseInt(byte, 16)
);
let native: boolean | undefined; // undefined until the first attempt
const privateKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();
const publicKeys = new Map<string, Promise<CryptoKey>>();

function subtle(): SubtleCrypto | undefined {
  return native === false ? undefined : globalThis.crypto?.subtle;
}

function importPrivate(secretKey: Uint8Array): Promise<CryptoKey> {
  let key = privateKeys.get(secretKey);
  if (!key) {
    const pkcs8 = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
    pkcs8.set(PKCS8_ED25519_PREFIX);
    pkcs8.set(secretKey, PKCS8_ED25519_PREFIX.length);
    key = globalThis.crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
    privateKeys.set(secretKey, key);
  }
  return key;
}

function importPublic(publicKey: Uint8Array): Promise<CryptoKey> {
  const id = String.fromCharCode(...publicKey);
  let key = publicKeys.get(id);
  if (!key) {
    if (publicKeys.size > 1000) publicKeys.clear(); // an office has a few dozen devices
    key = globalThis.crypto.subtle.importKey(
      'raw',
      publicKey as BufferSource,
      { name: 'Ed25519' },
      false,
      ['verify']
    );
    publicKeys.set(id, key);
  }
  return key;
}

/** Same signature as `sign`, natively where the browser has Ed25519 in WebCrypto. */
export async function signAsync(message: Uint8Array, secretKey: Uint8Array): Promise<Uint8Array> {
  if (secretKey.length === 32 && subtle()) {
    try {
      const key = await importPrivate(secretKey);
      const signature = await globalThis.crypto.subtle.sign(
        { name: 'Ed25519' },
        key,
        message as BufferSource
      );
      native = true;
      return new Uint8Array(signature);
    } catch (error) {
      if (native) throw error;
      native = false; // no Ed25519 in this WebCrypto: the JS code from now on
    }
  }
  return sign(message, secretKey);
}

/** Same answer as `verify` (false, never throws), natively where available. */
export async function verifyAsync(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array
): Promise<boolean> {
  if (signature.length !== SIGNATURE_LENGTH || publicKey.length !== PUBLIC_KEY_LENGTH) return false;
  if (subtle() && native !== false) {
    try {
      const key = await importPublic(publicKey);
      const ok = await globalThis.crypto.subtle.verify(
        { name: 'Ed25519' },
        key,
        signature as BufferSource,
        message as BufferSource
      );
      native = true;
      return ok;
    } catch {
      // A key WebCrypto refuses (not a curve point) or no Ed25519 at all: let the JS code judge.
      if (native === undefined) native = false;
    }
  }
  return verify(signature, message, publicKey);
}
