import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  fromBase64Url,
  generateOfficeKey,
  newDeviceId,
  signRevocationList,
  toBase64Url
} from '$lib/sync/crypto';
import { createOfficeKeys, deviceIdentity, type OfficeKeys } from '$lib/sync/office-keys';
import {
  EphemeralRefused,
  openEphemeral,
  sealEphemeral,
  type SealedEphemeral
} from './sealed-ephemeral';

function office(): [OfficeKeys, OfficeKeys, OfficeKeys] {
  const a = createOfficeKeys(newDeviceId());
  const secret = a.officeSecret as Uint8Array;
  const b = { ...a, ...deviceIdentity(secret, a.office, newDeviceId()) };
  const c = { ...a, ...deviceIdentity(secret, a.office, newDeviceId()) };
  return [a, b, c];
}

function cursorOf(staffId: string): Uint8Array {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalStateField('user', { staffId, color: '#0f766e' });
  return encodeAwarenessUpdate(awareness, [awareness.clientID]);
}

const TAB = 'tabtabtabtabtabtab';
const body = { doc: 'shift/2026-11-23-early', update: cursorOf('staff-li-na') };

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EphemeralRefused) return error.reason;
    throw error;
  }
  return 'accepted';
}

function flip(text: string, at = 20): string {
  const bytes = fromBase64Url(text);
  bytes[at % bytes.length] ^= 1;
  return toBase64Url(bytes);
}

describe('sealed awareness between the office’s devices', () => {
  it('opens on any device of the office, and the relay sees neither the shift nor the staff', async () => {
    const [a, b, c] = office();
    const sealed = await sealEphemeral(a, TAB, body, 1000);
    const text = JSON.stringify(sealed);
    expect(text).not.toContain('shift/');
    expect(text).not.toContain('staff-li-na');
    for (const device of [b, c]) {
      const opened = await openEphemeral(device, a.device, sealed);
      expect(opened).toMatchObject({ from: a.device, tab: TAB, at: 1000 });
      expect(opened.body.doc).toBe(body.doc);
      expect(opened.body.update).toEqual(body.update);
    }
  });

  it('rejects one altered on the way: box, time, tab, epoch, signature, or another sender', async () => {
    const [a, b, c] = office();
    const sealed = await sealEphemeral(a, TAB, body, 1000);
    const altered: [SealedEphemeral, string][] = [
      [{ ...sealed, box: flip(sealed.box) }, 'bad-signature'],
      [{ ...sealed, at: 1001 }, 'bad-signature'],
      [{ ...sealed, tab: 'othertabothertab' }, 'bad-signature'],
      [{ ...sealed, epoch: 2 }, 'bad-signature'],
      [{ ...sealed, sig: flip(sealed.sig) }, 'bad-signature']
    ];
    for (const [message, reason] of altered)
      expect(await refusal(openEphemeral(b, a.device, message))).toBe(reason);
    // The relay says it came from c.
    expect(await refusal(openEphemeral(b, c.device, sealed))).toBe('wrong-sender');
  });

  it('rejects a forged one: a colleague posing as another, another office, a removed tablet', async () => {
    const [a, b, c] = office();
    const byC = await sealEphemeral(c, TAB, body, 1000);
    expect(await refusal(openEphemeral(b, a.device, { ...byC, from: a.device }))).toBe(
      'not-enrolled'
    );
    expect(
      await refusal(openEphemeral(b, a.device, { ...byC, from: a.device, cert: a.cert }))
    ).toBe('bad-signature');
    const foreign = await sealEphemeral(createOfficeKeys(a.device), TAB, body, 1000);
    expect(await refusal(openEphemeral(b, a.device, foreign))).toBe('not-enrolled');
    const revocation = signRevocationList(a.officeSecret as Uint8Array, a.office, 1, [c.device]);
    expect(await refusal(openEphemeral({ ...b, revocation }, c.device, byC))).toBe('revoked');
    // Same epoch, another key (a removed tablet's guess): it does not decrypt.
    const wrongKey = { ...b, epochs: [{ ...generateOfficeKey(), epoch: 1 }] };
    expect(await refusal(openEphemeral(wrongKey, c.device, byC))).toBe('decrypt');
  });

  it('rejects malformed data', async () => {
    const [a, b] = office();
    expect(await refusal(openEphemeral(b, a.device, { eph: 1, from: a.device }))).toBe('malformed');
    expect(await refusal(openEphemeral(b, a.device, null))).toBe('malformed');
  });
});
