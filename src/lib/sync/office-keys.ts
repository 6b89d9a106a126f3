import type { GuanjiaDexie } from '$lib/db/database';
import {
  generateOfficeKey,
  generateSigningKeyPair,
  issueDeviceCertificate,
  officeIdOf,
  type DeviceCertificate,
  type OfficeKey,
  type RevocationList
} from './crypto';
import { OFFICE_KEYS_ENTRY } from './keys-entry';

/**
 * Everything secret this device holds, kept in the device-local `local` table (never synced,
 * never sent except inside an encrypted pairing message). Raw bytes rather than WebCrypto
 * keys because pairing must hand them to the new device.
 */
export interface OfficeKeys {
  office: string;
  officePublic: Uint8Array;
  /** Signs device certificates and revocation lists; held by every paired device (see README). */
  officeSecret?: Uint8Array;
  /** Every office key epoch this device knows; the highest seals new batches. */
  epochs: OfficeKey[];
  device: string;
  devicePublic: Uint8Array;
  deviceSecret: Uint8Array;
  cert: DeviceCertificate;
  revocation?: RevocationList;
  /** Own seq from which each epoch seals (a rotation's key grants stay readable under the old one). */
  epochFrom: Record<number, number>;
}

const KEY = OFFICE_KEYS_ENTRY;

export async function loadOfficeKeys(db: GuanjiaDexie): Promise<OfficeKeys | undefined> {
  const entry = await db.local.get(KEY);
  return entry?.value as OfficeKeys | undefined;
}

export async function saveOfficeKeys(db: GuanjiaDexie, keys: OfficeKeys): Promise<void> {
  await db.local.put({ key: KEY, value: keys });
}

/** A new office: its signing key pair, its first AES key (epoch 1) and this device's identity. */
export function createOfficeKeys(device: string): OfficeKeys {
  const office = generateSigningKeyPair();
  const id = officeIdOf(office.publicKey);
  return {
    office: id,
    officePublic: office.publicKey,
    officeSecret: office.secretKey,
    epochs: [generateOfficeKey()],
    epochFrom: { 1: 1 },
    ...deviceIdentity(office.secretKey, id, device)
  };
}

/** This device's key pair and its certificate signed by the office key. */
export function deviceIdentity(
  officeSecret: Uint8Array,
  office: string,
  device: string
): Pick<OfficeKeys, 'device' | 'devicePublic' | 'deviceSecret' | 'cert'> {
  const pair = generateSigningKeyPair();
  return {
    device,
    devicePublic: pair.publicKey,
    deviceSecret: pair.secretKey,
    cert: issueDeviceCertificate(officeSecret, office, device, pair.publicKey)
  };
}

export function currentKey(keys: OfficeKeys): OfficeKey {
  return keys.epochs.reduce((a, b) => (b.epoch > a.epoch ? b : a));
}

export function keyring(keys: OfficeKeys): Map<number, Uint8Array> {
  return new Map(keys.epochs.map((k) => [k.epoch, k.raw]));
}

/** The epoch this device's own op `seq` is sealed with. */
export function epochOfOwnSeq(keys: OfficeKeys, seq: number): number {
  let epoch = 1;
  for (const [e, from] of Object.entries(keys.epochFrom))
    if (seq >= from && Number(e) > epoch) epoch = Number(e);
  return epoch;
}

export function isRevoked(keys: OfficeKeys, device: string): boolean {
  return keys.revocation?.devices.includes(device) ?? false;
}
