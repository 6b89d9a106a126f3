import { fromBase64Url, verifyDeviceCertificate, type DeviceCertificate } from './crypto';
import type { OfficeKeys } from './office-keys';

/**
 * Device keys this device has seen certified by the office key, by office and device id:
 * who may have sealed a batch. Sealed batches do not carry their sealer's certificate
 * (~180 bytes, a third of a one-field edit); it arrives once per road instead: in a peer's
 * hello, with the relay's first batch of each author on a connection, inside an exported
 * file. A batch whose sealer is unknown here is held back (`unknown-signer`), not applied.
 */
const known = new Map<string, Uint8Array[]>();
const checked = new Set<string>();

/** Checks `cert` against the office key and remembers its key; false if it is not the office's. */
export function learnSigner(keys: OfficeKeys, cert: DeviceCertificate): boolean {
  const id = `${keys.office}/${cert.device}/${cert.key}/${cert.sig}`;
  if (checked.has(id)) return true;
  if (!verifyDeviceCertificate(keys.officePublic, keys.office, cert)) return false;
  checked.add(id);
  const slot = `${keys.office}/${cert.device}`;
  const key = fromBase64Url(cert.key);
  const list = known.get(slot) ?? [];
  if (!list.some((k) => k.length === key.length && k.every((b, i) => b === key[i])))
    known.set(slot, [...list, key]);
  return true;
}

/** The certified keys of `device` (usually one). */
export function signerKeys(office: string, device: string): readonly Uint8Array[] {
  return known.get(`${office}/${device}`) ?? [];
}
