import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, toBase64Url, utf8 } from '../../src/lib/sync/crypto';
import { DeviceClient, makeDevice, makeOffice } from './device-client';
import { spawnRelay, type RelayProcess } from './relay-process';

let relay: RelayProcess;
beforeAll(async () => {
  relay = await spawnRelay({ RELAY_PAIRING_TTL_SECONDS: '1' });
});
afterAll(() => relay?.stop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WebRTC signalling', () => {
  it('is delivered between devices of the same office only', async () => {
    const officeA = makeOffice();
    const officeB = makeOffice();
    const a1 = await DeviceClient.connect(relay.url, makeDevice(officeA));
    const a2 = await DeviceClient.connect(relay.url, makeDevice(officeA));
    const b1 = await DeviceClient.connect(relay.url, makeDevice(officeB));
    const offer = { type: 'offer', sdp: 'opaque-to-the-relay' };

    expect((await a1.request({ t: 'signal', to: a2.device!.id, data: offer })).header.t).toBe('ok');
    await a2.until(() => a2.signals.length === 1);
    expect(a2.signals[0]).toEqual({ t: 'signal', from: a1.device!.id, data: offer });

    // Across offices the target is simply not there, whichever side asks.
    expect(
      (await a1.request({ t: 'signal', to: b1.device!.id, data: offer })).header
    ).toMatchObject({ code: 'not-connected' });
    expect(
      (await b1.request({ t: 'signal', to: a1.device!.id, data: offer })).header
    ).toMatchObject({ code: 'not-connected' });
    await pause(100);
    expect(b1.signals).toEqual([]);
    expect(a1.signals).toEqual([]);
    await Promise.all([a1.close(), a2.close(), b1.close()]);
  });
});

describe('pairing mailbox', () => {
  it('passes each message once between host and guest, and the id is one-time', async () => {
    const pairing = toBase64Url(randomBytes(16));
    const host = await DeviceClient.open(relay.url);
    expect((await host.request({ t: 'pair-open', pairing, role: 'host' })).header.t).toBe('ok');
    expect(
      (await host.request({ t: 'pair-send', pairing, role: 'host' }, utf8('sealed offer'))).header.t
    ).toBe('ok');

    const guest = await DeviceClient.open(relay.url);
    expect((await guest.request({ t: 'pair-open', pairing, role: 'guest' })).header.t).toBe('ok');
    await guest.until(() => guest.pairing.length === 1);
    expect(guest.pairing[0].header).toMatchObject({ t: 'pair-msg', pairing, from: 'host' });
    expect(new TextDecoder().decode(guest.pairing[0].body)).toBe('sealed offer');
    expect(
      (await guest.request({ t: 'pair-send', pairing, role: 'guest' }, utf8('sealed request')))
        .header.t
    ).toBe('ok');
    await host.until(() => host.pairing.length === 1);

    const thief = await DeviceClient.open(relay.url);
    expect((await thief.request({ t: 'pair-open', pairing, role: 'guest' })).header).toMatchObject({
      code: 'pairing-taken'
    });
    await pause(100);
    expect(thief.pairing).toEqual([]);
    await Promise.all([host.close(), guest.close(), thief.close()]);
  });

  it('expires: a message left past the TTL is never delivered and the id is dead', async () => {
    const pairing = toBase64Url(randomBytes(16));
    const host = await DeviceClient.open(relay.url);
    expect(
      (await host.request({ t: 'pair-send', pairing, role: 'host' }, utf8('sealed offer'))).header.t
    ).toBe('ok');
    await pause(1300);
    const guest = await DeviceClient.open(relay.url);
    expect((await guest.request({ t: 'pair-open', pairing, role: 'guest' })).header).toMatchObject({
      code: 'not-found'
    });
    expect(
      (await host.request({ t: 'pair-send', pairing, role: 'host' }, utf8('again'))).header
    ).toMatchObject({ code: 'not-found' });
    await pause(100);
    expect(guest.pairing).toEqual([]);
    await Promise.all([host.close(), guest.close()]);
  });
});
