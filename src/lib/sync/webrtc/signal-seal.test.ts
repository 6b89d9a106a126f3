import { describe, expect, it } from 'vitest';
import {
  fromBase64Url,
  generateOfficeKey,
  newDeviceId,
  rotateOfficeKey,
  signRevocationList,
  toBase64Url
} from '../crypto';
import { createOfficeKeys, deviceIdentity, type OfficeKeys } from '../office-keys';
import { openSignal, sealSignal, SignalRefused, type SealedSignal } from './signal-seal';

function office(): [OfficeKeys, OfficeKeys, OfficeKeys] {
  const a = createOfficeKeys(newDeviceId());
  const secret = a.officeSecret as Uint8Array;
  const b = { ...a, ...deviceIdentity(secret, a.office, newDeviceId()) };
  const c = { ...a, ...deviceIdentity(secret, a.office, newDeviceId()) };
  return [a, b, c];
}

const offer = {
  t: 'offer',
  s: 'sessionsessionsession',
  sdp: 'v=0\r\na=fingerprint:sha-256 AA'
} as const;

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignalRefused) return error.reason;
    throw error;
  }
  return 'accepted';
}

/** Flip one bit of a base64url field. */
function flip(text: string, at = 20): string {
  const bytes = fromBase64Url(text);
  bytes[at % bytes.length] ^= 1;
  return toBase64Url(bytes);
}

describe('sealed WebRTC signalling', () => {
  it('opens what a device of the office sealed for it, and hides the SDP from the relay', async () => {
    const [a, b] = office();
    const sealed = await sealSignal(a, b.device, offer, 1000);
    expect(JSON.stringify(sealed)).not.toContain('fingerprint');
    const opened = await openSignal(b, a.device, sealed);
    expect(opened).toEqual({ from: a.device, at: 1000, body: offer });
  });

  it('rejects an altered offer: box, time, sender, recipient or epoch changed on the way', async () => {
    const [a, b] = office();
    const sealed = await sealSignal(a, b.device, offer, 1000);
    const altered: [SealedSignal, string][] = [
      [{ ...sealed, box: flip(sealed.box) }, 'bad-signature'],
      [{ ...sealed, at: 1001 }, 'bad-signature'],
      [{ ...sealed, epoch: 2 }, 'bad-signature'],
      [{ ...sealed, sig: flip(sealed.sig) }, 'bad-signature'],
      [{ ...sealed, to: a.device }, 'wrong-recipient']
    ];
    for (const [message, reason] of altered)
      expect(await refusal(openSignal(b, a.device, message))).toBe(reason);
    // The relay claims another sender than the one who sealed it.
    const [, , c] = office();
    expect(await refusal(openSignal(b, c.device, sealed))).toBe('wrong-sender');
  });

  it('rejects a forged offer: a colleague posing as another device, another office, a revoked device', async () => {
    const [a, b, c] = office();
    // c seals, then claims to be a (with its own certificate or a's).
    const byC = await sealSignal(c, b.device, offer, 1000);
    expect(await refusal(openSignal(b, a.device, { ...byC, from: a.device }))).toBe('not-enrolled');
    expect(await refusal(openSignal(b, a.device, { ...byC, from: a.device, cert: a.cert }))).toBe(
      'bad-signature'
    );
    // A device of another office, whatever ids it uses.
    const other = createOfficeKeys(a.device);
    const foreign = await sealSignal(other, b.device, offer, 1000);
    expect(await refusal(openSignal(b, a.device, foreign))).toBe('not-enrolled');
    // A removed device.
    const revocation = signRevocationList(a.officeSecret as Uint8Array, a.office, 1, [c.device]);
    expect(await refusal(openSignal({ ...b, revocation }, c.device, byC))).toBe('revoked');
  });

  it('rejects malformed data and a body that fails the schema', async () => {
    const [a, b] = office();
    expect(await refusal(openSignal(b, a.device, { type: 'offer', sdp: 'x' }))).toBe('malformed');
    expect(await refusal(openSignal(b, a.device, null))).toBe('malformed');
    const bad = await sealSignal(a, b.device, { t: 'offer', s: 'short', sdp: 'x' } as never, 5);
    expect(await refusal(openSignal(b, a.device, bad))).toBe('malformed');
  });

  it('needs the office key of the epoch it was sealed with', async () => {
    const [a, b] = office();
    const rotated = { ...a, epochs: [...a.epochs, rotateOfficeKey(a.epochs[0])] };
    const sealed = await sealSignal(rotated, b.device, { t: 'knock' }, 7);
    expect(sealed.epoch).toBe(2);
    expect(await refusal(openSignal(b, a.device, sealed))).toBe('unknown-epoch');
    // Same epoch number, different key (e.g. a removed device's guess): decryption fails.
    const wrongKey = { ...b, epochs: [...b.epochs, { ...generateOfficeKey(), epoch: 2 }] };
    expect(await refusal(openSignal(wrongKey, a.device, sealed))).toBe('decrypt');
  });
});
