import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './bytes';
import {
  issueDeviceCertificate,
  newDeviceId,
  officeIdOf,
  signRevocationList,
  verifyDeviceCertificate,
  verifyRevocationList
} from './identity';
import { generateSigningKeyPair } from './signing';

function flipLastBit(text: string): string {
  const bytes = fromBase64Url(text);
  bytes[bytes.length - 1] ^= 1;
  return toBase64Url(bytes);
}

describe('office identity and device certificates', () => {
  const officeKeys = generateSigningKeyPair();
  const office = officeIdOf(officeKeys.publicKey);
  const device = newDeviceId();
  const deviceKeys = generateSigningKeyPair();

  it('derives a stable 22-character office id from the office key', () => {
    expect(office).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(officeIdOf(officeKeys.publicKey)).toBe(office);
    expect(officeIdOf(generateSigningKeyPair().publicKey)).not.toBe(office);
  });

  it('accepts a certificate issued by the office key', () => {
    const cert = issueDeviceCertificate(officeKeys.secretKey, office, device, deviceKeys.publicKey);
    expect(verifyDeviceCertificate(officeKeys.publicKey, office, cert)).toBe(true);
  });

  it('rejects a certificate for another office, another device, another key, a flipped bit, or self-issued', () => {
    const cert = issueDeviceCertificate(officeKeys.secretKey, office, device, deviceKeys.publicKey);
    const otherOffice = generateSigningKeyPair();
    expect(
      verifyDeviceCertificate(otherOffice.publicKey, officeIdOf(otherOffice.publicKey), cert)
    ).toBe(false);
    expect(
      verifyDeviceCertificate(officeKeys.publicKey, office, { ...cert, device: newDeviceId() })
    ).toBe(false);
    expect(
      verifyDeviceCertificate(officeKeys.publicKey, office, {
        ...cert,
        key: toBase64Url(generateSigningKeyPair().publicKey)
      })
    ).toBe(false);
    expect(
      verifyDeviceCertificate(officeKeys.publicKey, office, { ...cert, sig: flipLastBit(cert.sig) })
    ).toBe(false);
    expect(
      verifyDeviceCertificate(officeKeys.publicKey, office, { ...cert, key: flipLastBit(cert.key) })
    ).toBe(false);
    expect(
      verifyDeviceCertificate(officeKeys.publicKey, office, { ...cert, sig: 'not*base64' })
    ).toBe(false);
    const selfIssued = issueDeviceCertificate(
      deviceKeys.secretKey,
      office,
      device,
      deviceKeys.publicKey
    );
    expect(verifyDeviceCertificate(officeKeys.publicKey, office, selfIssued)).toBe(false);
  });

  it('revocation lists are signed over version and devices, order-independent', () => {
    const list = signRevocationList(officeKeys.secretKey, office, 2, ['zzzzzzzz', device]);
    expect(verifyRevocationList(officeKeys.publicKey, office, list)).toBe(true);
    expect(
      verifyRevocationList(officeKeys.publicKey, office, {
        ...list,
        devices: [...list.devices].reverse()
      })
    ).toBe(true);
    expect(verifyRevocationList(officeKeys.publicKey, office, { ...list, version: 3 })).toBe(false);
    expect(verifyRevocationList(officeKeys.publicKey, office, { ...list, devices: [device] })).toBe(
      false
    );
    expect(
      verifyRevocationList(officeKeys.publicKey, office, { ...list, sig: flipLastBit(list.sig) })
    ).toBe(false);
  });
});
