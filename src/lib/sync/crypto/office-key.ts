import { randomBytes } from './bytes';

/**
 * The office key encrypts every batch and blob (AES-GCM 256). It has an epoch: removing a
 * device rotates the key (epoch + 1) and the removed device never receives the new one, so
 * it cannot read anything written after its removal. Devices keep older epochs to read
 * older batches.
 */
export interface OfficeKey {
  epoch: number;
  raw: Uint8Array; // 32 random bytes
}

/** Every epoch a device knows, to decrypt batches written before the latest rotation. */
export type OfficeKeyring = ReadonlyMap<number, Uint8Array>;

export const OFFICE_KEY_LENGTH = 32;

export function generateOfficeKey(): OfficeKey {
  return { epoch: 1, raw: randomBytes(OFFICE_KEY_LENGTH) };
}

export function rotateOfficeKey(current: OfficeKey): OfficeKey {
  return { epoch: current.epoch + 1, raw: randomBytes(OFFICE_KEY_LENGTH) };
}

export function keyringOf(...keys: OfficeKey[]): Map<number, Uint8Array> {
  return new Map(keys.map((key) => [key.epoch, key.raw]));
}

const imported = new WeakMap<Uint8Array, Promise<CryptoKey>>();

/** Imports once per key: importKey costs more than encrypting a small batch. */
export function aesKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== OFFICE_KEY_LENGTH)
    return Promise.reject(new Error('office key must be 32 bytes'));
  let key = imported.get(raw);
  if (!key) {
    key = globalThis.crypto.subtle.importKey(
      'raw',
      raw as BufferSource,
      { name: 'AES-GCM' },
      false,
      ['encrypt', 'decrypt']
    );
    imported.set(raw, key);
  }
  return key;
}
