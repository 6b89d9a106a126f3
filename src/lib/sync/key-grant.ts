import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import {
  concatBytes,
  encodeFields,
  fromBase64Url,
  fromUtf8,
  randomBytes,
  toBase64Url,
  utf8,
  type OfficeKey,
  type RevocationList
} from './crypto';
import { revocationListSchema } from './protocol';

/**
 * A new office key sealed to one device (issue #4: "rotate the office key, distributed to
 * remaining devices encrypted"). The device's Ed25519 signing key converts to X25519; an
 * ephemeral X25519 key agrees a secret with it, HKDF makes the AES-GCM key. Only the
 * holder of that device's secret key can open it, so the grants can travel in the synced
 * device table, which the removed device may even still see.
 */
export interface KeyGrant {
  key: OfficeKey;
  revocation?: RevocationList;
}

const grantSchema = z.object({
  epoch: z.number().int().min(1),
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  revocation: revocationListSchema.optional()
});

function info(office: string, device: string): Uint8Array {
  return encodeFields('guanjia/key-grant/v1', office, device);
}

async function aes(key: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', key as BufferSource, 'AES-GCM', false, [usage]);
}

export async function sealKeyGrant(
  grant: KeyGrant,
  office: string,
  device: string,
  devicePublicKey: Uint8Array
): Promise<string> {
  const ephemeral = x25519.utils.randomSecretKey();
  const ephemeralPublic = x25519.getPublicKey(ephemeral);
  const recipient = ed25519.utils.toMontgomery(devicePublicKey);
  const shared = x25519.getSharedSecret(ephemeral, recipient);
  const key = hkdf(
    sha256,
    shared,
    concatBytes(ephemeralPublic, recipient),
    info(office, device),
    32
  );
  const iv = randomBytes(12);
  const plaintext = utf8(
    JSON.stringify({
      epoch: grant.key.epoch,
      key: toBase64Url(grant.key.raw),
      ...(grant.revocation ? { revocation: grant.revocation } : {})
    })
  );
  const sealed = await crypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv: iv as BufferSource,
      additionalData: info(office, device) as BufferSource
    },
    await aes(key, 'encrypt'),
    plaintext as BufferSource
  );
  return toBase64Url(concatBytes(ephemeralPublic, iv, new Uint8Array(sealed)));
}

/** Undefined if the envelope is not for this device or was tampered with. */
export async function openKeyGrant(
  envelope: string,
  office: string,
  device: string,
  deviceSecretKey: Uint8Array
): Promise<KeyGrant | undefined> {
  try {
    const bytes = fromBase64Url(envelope);
    const ephemeralPublic = bytes.subarray(0, 32);
    const iv = bytes.subarray(32, 44);
    const secret = ed25519.utils.toMontgomerySecret(deviceSecretKey);
    const recipient = x25519.getPublicKey(secret);
    const shared = x25519.getSharedSecret(secret, ephemeralPublic);
    const key = hkdf(
      sha256,
      shared,
      concatBytes(ephemeralPublic, recipient),
      info(office, device),
      32
    );
    const plaintext = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: iv as BufferSource,
        additionalData: info(office, device) as BufferSource
      },
      await aes(key, 'decrypt'),
      bytes.subarray(44) as BufferSource
    );
    const parsed = grantSchema.parse(JSON.parse(fromUtf8(new Uint8Array(plaintext))));
    return {
      key: { epoch: parsed.epoch, raw: fromBase64Url(parsed.key) },
      ...(parsed.revocation ? { revocation: parsed.revocation } : {})
    };
  } catch {
    return undefined;
  }
}
