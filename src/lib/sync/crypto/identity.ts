import { encodeFields, fromBase64Url, randomBytes, toBase64Url, utf8, concatBytes } from './bytes';
import { sha256 } from './hash';
import { sign, verify, PUBLIC_KEY_LENGTH } from './signing';

/**
 * Who belongs to an office, in three signed facts:
 * - the office id is derived from the office's public signing key, so the relay needs no
 *   registration and nobody can claim an office id without its private key;
 * - a device certificate is the office key's signature over (office, device id, device public key);
 * - a revocation list, signed by the office key with a rising version, removes devices.
 * The office secret key is held by the manager's devices and handed over only inside the
 * encrypted pairing.
 */
export interface DeviceCertificate {
  device: string;
  key: string; // device public key, base64url
  sig: string; // office signature, base64url
}

export interface RevocationList {
  version: number; // strictly rising; the relay keeps the highest it has seen
  devices: string[]; // revoked device ids
  sig: string; // office signature, base64url
}

export function officeIdOf(officePublicKey: Uint8Array): string {
  return toBase64Url(
    sha256(concatBytes(utf8('guanjia/office-id/v1'), officePublicKey)).subarray(0, 16)
  );
}

export function newDeviceId(): string {
  return toBase64Url(randomBytes(16));
}

export function deviceCertificateMessage(
  office: string,
  device: string,
  devicePublicKey: Uint8Array
): Uint8Array {
  return encodeFields('guanjia/device-cert/v1', office, device, devicePublicKey);
}

export function issueDeviceCertificate(
  officeSecretKey: Uint8Array,
  office: string,
  device: string,
  devicePublicKey: Uint8Array
): DeviceCertificate {
  const sig = sign(deviceCertificateMessage(office, device, devicePublicKey), officeSecretKey);
  return { device, key: toBase64Url(devicePublicKey), sig: toBase64Url(sig) };
}

function decodeOrEmpty(text: string): Uint8Array {
  try {
    return fromBase64Url(text);
  } catch {
    return new Uint8Array(0);
  }
}

export function verifyDeviceCertificate(
  officePublicKey: Uint8Array,
  office: string,
  cert: DeviceCertificate
): boolean {
  const key = decodeOrEmpty(cert.key);
  if (key.length !== PUBLIC_KEY_LENGTH) return false;
  return verify(
    decodeOrEmpty(cert.sig),
    deviceCertificateMessage(office, cert.device, key),
    officePublicKey
  );
}

export function revocationMessage(
  office: string,
  version: number,
  devices: readonly string[]
): Uint8Array {
  const sorted = [...devices].sort();
  return encodeFields('guanjia/revocation/v1', office, version, sorted.length, ...sorted);
}

export function signRevocationList(
  officeSecretKey: Uint8Array,
  office: string,
  version: number,
  devices: string[]
): RevocationList {
  const sig = sign(revocationMessage(office, version, devices), officeSecretKey);
  return { version, devices: [...devices].sort(), sig: toBase64Url(sig) };
}

export function verifyRevocationList(
  officePublicKey: Uint8Array,
  office: string,
  list: RevocationList
): boolean {
  return verify(
    decodeOrEmpty(list.sig),
    revocationMessage(office, list.version, list.devices),
    officePublicKey
  );
}
