/**
 * Sealing an owner's submission to the office (issue 16 §1): X25519 with a fresh ephemeral key
 * per message, HKDF-SHA256, AES-256-GCM — all of it in WebCrypto on a current phone
 * (seal-web.ts), and here with @noble for the desk, the tests and phones without it (a
 * plain-http office LAN page has no WebCrypto). Only a device holding the office's signing
 * secret can derive the inbox secret (`inboxKeyPair`) and open it; the relay holds bytes.
 *
 * Status updates go the other way: the owner's phone picks a random key and status id, sends
 * them inside its submission, and the office encrypts each update with that key and signs it
 * with its own signing key; only the status link (key in the fragment) reads it.
 *
 * Relative imports: the relay's tests and the owner page use it too.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes, utf8 } from '../sync/crypto/bytes';
import { NONCE_BYTES, SEAL_INFO, SEAL_VERSION, SealError, statusMessage } from './seal-format';

export { SealError };

const KEY_BYTES = 32;

/** The inbox key pair from the office's signing secret: every tablet of the office derives it. */
export function inboxKeyPair(officeSigningSecret: Uint8Array): {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
} {
  const secretKey = hkdf(sha256, officeSigningSecret, undefined, utf8('guanjia/inbox-key/v1'), 32);
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

function sealKey(shared: Uint8Array, ephemeral: Uint8Array, recipient: Uint8Array): Uint8Array {
  return hkdf(sha256, shared, concatBytes(ephemeral, recipient), utf8(SEAL_INFO), KEY_BYTES);
}

/** version ‖ ephemeral public key ‖ nonce ‖ ciphertext. */
export function sealToInbox(inboxPublic: Uint8Array, plaintext: Uint8Array): Uint8Array {
  if (inboxPublic.length !== 32) throw new SealError('inbox key');
  const ephemeralSecret = randomBytes(32);
  const ephemeral = x25519.getPublicKey(ephemeralSecret);
  const key = sealKey(x25519.getSharedSecret(ephemeralSecret, inboxPublic), ephemeral, inboxPublic);
  const nonce = randomBytes(NONCE_BYTES);
  const ciphertext = gcm(key, nonce).encrypt(plaintext);
  return concatBytes(Uint8Array.of(SEAL_VERSION), ephemeral, nonce, ciphertext);
}

/** Throws SealError when the envelope is not for this key or was altered. */
export function openFromInbox(
  inbox: { secretKey: Uint8Array; publicKey: Uint8Array },
  sealed: Uint8Array
): Uint8Array {
  if (sealed.length < 1 + 32 + NONCE_BYTES + 16 || sealed[0] !== SEAL_VERSION)
    throw new SealError('not a sealed submission');
  const ephemeral = sealed.subarray(1, 33);
  const nonce = sealed.subarray(33, 33 + NONCE_BYTES);
  try {
    const shared = x25519.getSharedSecret(inbox.secretKey, ephemeral);
    const key = sealKey(shared, ephemeral, inbox.publicKey);
    return gcm(key, nonce).decrypt(sealed.subarray(33 + NONCE_BYTES));
  } catch {
    throw new SealError('cannot open');
  }
}

/** A fresh status key for a submission's status link. */
export function newStatusKey(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

/** nonce ‖ ciphertext ‖ office signature (64) over (status id, nonce ‖ ciphertext). */
export function sealStatus(
  statusId: string,
  key: Uint8Array,
  plaintext: Uint8Array,
  officeSigningSecret: Uint8Array
): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const box = concatBytes(nonce, gcm(key, nonce, utf8(statusId)).encrypt(plaintext));
  return concatBytes(box, ed25519.sign(statusMessage(statusId, box), officeSigningSecret));
}

/** Throws SealError unless the office signed it and the key opens it. */
export function openStatus(
  statusId: string,
  key: Uint8Array,
  sealed: Uint8Array,
  officePublic: Uint8Array
): Uint8Array {
  if (sealed.length < NONCE_BYTES + 16 + 64) throw new SealError('not a status update');
  const box = sealed.subarray(0, sealed.length - 64);
  const signature = sealed.subarray(sealed.length - 64);
  if (!verifyEd25519(signature, statusMessage(statusId, box), officePublic))
    throw new SealError('not signed by the office');
  return openStatusBox(statusId, key, box);
}

/** The encrypted half of a status update, once its signature is checked. */
export function openStatusBox(statusId: string, key: Uint8Array, box: Uint8Array): Uint8Array {
  try {
    return gcm(key, box.subarray(0, NONCE_BYTES), utf8(statusId)).decrypt(
      box.subarray(NONCE_BYTES)
    );
  } catch {
    throw new SealError('cannot open');
  }
}

export function verifyEd25519(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array
): boolean {
  try {
    return ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}
