import { z } from 'zod';
import {
  aesKey,
  concatBytes,
  encodeFields,
  fromBase64Url,
  fromUtf8,
  randomBytes,
  sha256,
  sign,
  toBase64Url,
  verify,
  verifyDeviceCertificate
} from './crypto';
import { deviceCertificateSchema } from './protocol';
import { currentKey, isRevoked, keyring, type OfficeKeys } from './office-keys';

/**
 * A small message from this device to the office's other devices that the relay carries
 * but must not read or alter (WebRTC signalling, collaborative cursors): AES-GCM with the
 * current office key, signed with the device's key, carrying its certificate. `scope` is the
 * one field that differs by use (the recipient, the sending tab); `labels` keep one use's
 * seals from being accepted as another's.
 */
export interface SealLabels {
  aad: string;
  signature: string;
}

export interface OfficeSeal {
  from: string;
  epoch: number;
  at: number;
  box: string;
  sig: string;
  cert: z.infer<typeof deviceCertificateSchema>;
}

export type SealRefusal =
  'malformed' | 'not-enrolled' | 'revoked' | 'bad-signature' | 'unknown-epoch' | 'decrypt';

export class SealRefused extends Error {
  constructor(
    readonly reason: SealRefusal,
    message: string = reason
  ) {
    super(message);
  }
}

/** An id of a device, tab or session on the wire. */
export const sealIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

/** The fields of an OfficeSeal as they travel in the clear, for each use's wire schema. */
export const officeSealFields = {
  from: sealIdSchema,
  epoch: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31),
  /** Sender's clock, strictly rising per sender: receivers refuse a replay. */
  at: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  cert: deviceCertificateSchema,
  box: b64.max(65_536),
  sig: b64.max(128)
};

const IV_LENGTH = 12;

function additionalData(
  labels: SealLabels,
  office: string,
  scope: string,
  s: { from: string; epoch: number; at: number }
) {
  return encodeFields(labels.aad, office, s.from, scope, s.epoch, s.at);
}

function signedMessage(
  labels: SealLabels,
  office: string,
  scope: string,
  s: Omit<OfficeSeal, 'sig' | 'cert'>
) {
  return encodeFields(
    labels.signature,
    office,
    s.from,
    scope,
    s.epoch,
    s.at,
    sha256(fromBase64Url(s.box))
  );
}

export async function sealForOffice(
  keys: OfficeKeys,
  labels: SealLabels,
  scope: string,
  plain: Uint8Array,
  at: number
): Promise<OfficeSeal> {
  const key = currentKey(keys);
  const iv = randomBytes(IV_LENGTH);
  const head = { from: keys.device, epoch: key.epoch, at };
  const ciphertext = await globalThis.crypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv: iv as BufferSource,
      additionalData: additionalData(labels, keys.office, scope, head) as BufferSource
    },
    await aesKey(key.raw),
    plain as BufferSource
  );
  const unsigned = { ...head, box: toBase64Url(concatBytes(iv, new Uint8Array(ciphertext))) };
  const sig = toBase64Url(
    sign(signedMessage(labels, keys.office, scope, unsigned), keys.deviceSecret)
  );
  return { ...unsigned, cert: keys.cert, sig };
}

/**
 * Verify and decrypt a seal: its certificate is of this office and its sender, the sender is
 * not revoked, the signature holds and the box decrypts with that epoch's office key. Throws
 * `SealRefused` otherwise. Returns the plaintext.
 */
export async function openFromOffice(
  keys: OfficeKeys,
  labels: SealLabels,
  scope: string,
  s: OfficeSeal
): Promise<Uint8Array> {
  if (s.cert.device !== s.from || !verifyDeviceCertificate(keys.officePublic, keys.office, s.cert))
    throw new SealRefused('not-enrolled');
  if (isRevoked(keys, s.from)) throw new SealRefused('revoked');
  let box: Uint8Array;
  let signature: Uint8Array;
  let devicePublic: Uint8Array;
  try {
    box = fromBase64Url(s.box);
    signature = fromBase64Url(s.sig);
    devicePublic = fromBase64Url(s.cert.key);
  } catch {
    throw new SealRefused('malformed', 'not base64url');
  }
  if (!verify(signature, signedMessage(labels, keys.office, scope, s), devicePublic))
    throw new SealRefused('bad-signature');
  const raw = keyring(keys).get(s.epoch);
  if (!raw) throw new SealRefused('unknown-epoch', `no office key for epoch ${s.epoch}`);
  if (box.length < IV_LENGTH + 16) throw new SealRefused('decrypt', 'box too short');
  try {
    return new Uint8Array(
      await globalThis.crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: box.subarray(0, IV_LENGTH) as BufferSource,
          additionalData: additionalData(labels, keys.office, scope, s) as BufferSource
        },
        await aesKey(raw),
        box.subarray(IV_LENGTH) as BufferSource
      )
    );
  } catch {
    throw new SealRefused('decrypt');
  }
}

/** Parse a sealed JSON body; `malformed` when it is not JSON. */
export function sealedJson(plain: Uint8Array): unknown {
  try {
    return JSON.parse(fromUtf8(plain));
  } catch {
    throw new SealRefused('malformed', 'body is not JSON');
  }
}
