/**
 * The office's owner-link signing key on this device, and what the relay needs to accept
 * this device (the office key pair, a device key pair and the device's certificate).
 *
 * The office's own signing key (src/lib/sync/office-keys.ts, `sync.keys`, handed to paired
 * tablets inside the pairing) is used when this device holds it, so every tablet signs with
 * the same key and owners see one fingerprint. A device without it (sync never set up)
 * creates an owner-link key of its own here, device-local, on first use (noted in issue 8).
 */
import { database, type GuanjiaDexie } from '$lib/db/database';
import { loadOfficeKeys } from '$lib/sync/office-keys';
import { fromBase64Url, toBase64Url } from '$lib/sync/crypto/bytes';
import {
  issueDeviceCertificate,
  newDeviceId,
  officeIdOf,
  type DeviceCertificate
} from '$lib/sync/crypto/identity';
import {
  generateSigningKeyPair,
  signingKeyPairFromSecret,
  type SigningKeyPair
} from '$lib/sync/crypto/signing';

const KEY = 'owner-link.keys';

export interface OwnerLinkKeys {
  office: SigningKeyPair;
  officeId: string;
  device: { id: string; signing: SigningKeyPair; cert: DeviceCertificate };
}

interface StoredKeys {
  officeSecret: string;
  deviceId: string;
  deviceSecret: string;
  cert: DeviceCertificate;
}

function isStored(value: unknown): value is StoredKeys {
  const v = value as Partial<StoredKeys> | undefined;
  return (
    typeof v?.officeSecret === 'string' &&
    typeof v.deviceId === 'string' &&
    typeof v.deviceSecret === 'string' &&
    typeof v.cert?.sig === 'string'
  );
}

function restore(stored: StoredKeys): OwnerLinkKeys {
  const office = signingKeyPairFromSecret(fromBase64Url(stored.officeSecret));
  return {
    office,
    officeId: officeIdOf(office.publicKey),
    device: {
      id: stored.deviceId,
      signing: signingKeyPairFromSecret(fromBase64Url(stored.deviceSecret)),
      cert: stored.cert
    }
  };
}

/** This device's owner-link keys, created (once, in one transaction) on first use. */
export async function ownerLinkKeys(db: GuanjiaDexie = database()): Promise<OwnerLinkKeys> {
  const sync = await loadOfficeKeys(db);
  if (sync?.officeSecret)
    return {
      office: signingKeyPairFromSecret(sync.officeSecret),
      officeId: sync.office,
      device: {
        id: sync.device,
        signing: signingKeyPairFromSecret(sync.deviceSecret),
        cert: sync.cert
      }
    };
  const existing = await db.local.get(KEY);
  if (isStored(existing?.value)) return restore(existing.value);
  return db.transaction('rw', db.local, async () => {
    const again = await db.local.get(KEY);
    if (isStored(again?.value)) return restore(again.value);
    const office = generateSigningKeyPair();
    const officeId = officeIdOf(office.publicKey);
    const deviceId = newDeviceId();
    const device = generateSigningKeyPair();
    const stored: StoredKeys = {
      officeSecret: toBase64Url(office.secretKey),
      deviceId,
      deviceSecret: toBase64Url(device.secretKey),
      cert: issueDeviceCertificate(office.secretKey, officeId, deviceId, device.publicKey)
    };
    await db.local.put({ key: KEY, value: stored });
    return restore(stored);
  });
}
