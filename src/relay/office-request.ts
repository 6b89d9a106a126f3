import { fromBase64Url } from '../lib/sync/crypto/bytes';
import { deviceCertificateMessage, officeIdOf } from '../lib/sync/crypto/identity';
import { verifySignature } from './auth';
import type { RelayStore } from './store';

/**
 * A request a device of an office signs outside its WebSocket session (HTTP: receipt tags,
 * owner-inbox reads and status updates): the office key, the device's certificate from it, a
 * time, and the device's signature over the rest.
 */
export interface OfficeRequest {
  office: string;
  officeKey: string;
  cert: { device: string; key: string; sig: string };
  at: number;
  sig: string;
}

/** Base64url to bytes; empty for text that is not base64url (every check below then fails). */
export function decodeOrEmpty(text: string): Uint8Array {
  try {
    return fromBase64Url(text);
  } catch {
    return new Uint8Array(0);
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Why a signed office request is refused, or undefined when a device of the office (not
 * revoked, certified by the office key the relay knows) sent it. `message`: the bytes the
 * device signed (the request without `sig`, in its kind's format).
 */
export async function officeRequestRefusal(
  store: RelayStore,
  request: OfficeRequest,
  message: Uint8Array,
  now: number,
  maxSkewMs: number
): Promise<string | undefined> {
  if (Math.abs(now - request.at) > maxSkewMs) return 'clock too far from the relay';
  const officeKey = decodeOrEmpty(request.officeKey);
  if (officeKey.length !== 32 || officeIdOf(officeKey) !== request.office)
    return 'office id is not derived from the presented office key';
  const pinned = await store.office(request.office);
  if (pinned && !equalBytes(pinned.publicKey, officeKey))
    return 'not the office key this relay knows';
  const deviceKey = decodeOrEmpty(request.cert.key);
  const certificate = deviceCertificateMessage(request.office, request.cert.device, deviceKey);
  if (!verifySignature(decodeOrEmpty(request.cert.sig), certificate, officeKey))
    return 'device certificate is not signed by the office key';
  if (pinned?.revoked.has(request.cert.device)) return 'device is revoked';
  if (!verifySignature(decodeOrEmpty(request.sig), message, deviceKey))
    return 'signature does not match the device key';
  return undefined;
}
