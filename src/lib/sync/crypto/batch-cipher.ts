import { concatBytes, encodeFields, randomBytes } from './bytes';
import { aesKey, type OfficeKey, type OfficeKeyring } from './office-key';

/**
 * The cleartext a batch carries on the wire: all the relay may see. It is bound to the
 * ciphertext as AES-GCM additional data, so a relay (or anyone) that moves a batch to another
 * device, seq range, epoch or office makes decryption fail.
 */
export interface BatchMeta {
  office: string;
  device: string;
  first: number; // first seq of the device's ops in this batch
  last: number; // last seq, inclusive
  epoch: number; // office key epoch used
  schema: number; // schema version of the ops inside
}

const IV_LENGTH = 12;

export function batchAdditionalData(meta: BatchMeta): Uint8Array {
  return encodeFields(
    'guanjia/batch-aad/v1',
    meta.office,
    meta.device,
    meta.first,
    meta.last,
    meta.epoch,
    meta.schema
  );
}

function blobAdditionalData(office: string, epoch: number): Uint8Array {
  return encodeFields('guanjia/blob-aad/v1', office, epoch);
}

async function seal(
  raw: Uint8Array,
  plaintext: Uint8Array,
  additionalData: Uint8Array
): Promise<Uint8Array> {
  const iv = randomBytes(IV_LENGTH); // random 96-bit IV: safe for far more messages than an office writes per key
  const key = await aesKey(raw);
  const ciphertext = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: additionalData as BufferSource },
    key,
    plaintext as BufferSource
  );
  return concatBytes(iv, new Uint8Array(ciphertext));
}

async function open(
  raw: Uint8Array,
  sealed: Uint8Array,
  additionalData: Uint8Array
): Promise<Uint8Array> {
  if (sealed.length < IV_LENGTH + 16) throw new Error('ciphertext too short');
  const key = await aesKey(raw);
  const plaintext = await globalThis.crypto.subtle.decrypt(
    {
      name: 'AES-GCM',
      iv: sealed.subarray(0, IV_LENGTH) as BufferSource,
      additionalData: additionalData as BufferSource
    },
    key,
    sealed.subarray(IV_LENGTH) as BufferSource
  );
  return new Uint8Array(plaintext);
}

function keyFor(keyring: OfficeKeyring, epoch: number): Uint8Array {
  const raw = keyring.get(epoch);
  if (!raw) throw new Error(`no office key for epoch ${epoch}`);
  return raw;
}

/** Returns iv ‖ ciphertext ‖ tag. `meta.epoch` must be the key's epoch. */
export async function encryptBatch(
  key: OfficeKey,
  meta: BatchMeta,
  plaintext: Uint8Array
): Promise<Uint8Array> {
  if (meta.epoch !== key.epoch) throw new Error('batch epoch differs from key epoch');
  return seal(key.raw, plaintext, batchAdditionalData(meta));
}

/** Rejects (throws) on any change to ciphertext or metadata. */
export async function decryptBatch(
  keyring: OfficeKeyring,
  meta: BatchMeta,
  sealed: Uint8Array
): Promise<Uint8Array> {
  return open(keyFor(keyring, meta.epoch), sealed, batchAdditionalData(meta));
}

/** Attachments and short-link content; the relay stores them under the SHA-256 of the result. */
export async function encryptBlob(
  key: OfficeKey,
  office: string,
  plaintext: Uint8Array
): Promise<Uint8Array> {
  return seal(key.raw, plaintext, blobAdditionalData(office, key.epoch));
}

export async function decryptBlob(
  keyring: OfficeKeyring,
  office: string,
  epoch: number,
  sealed: Uint8Array
): Promise<Uint8Array> {
  return open(keyFor(keyring, epoch), sealed, blobAdditionalData(office, epoch));
}
