import { describe, expect, it } from 'vitest';
import type { SignalListener, SyncApi } from '$lib/sync/api';
import { fromBase64Url, newDeviceId, toBase64Url } from '$lib/sync/crypto';
import { createOfficeKeys, deviceIdentity, type OfficeKeys } from '$lib/sync/office-keys';
import { recentSyncLog } from '$lib/sync/sync-log';
import type { ChannelMessage } from './channels';
import { deviceChannel } from './device-channel';
import type { SealedEphemeral } from './sealed-ephemeral';

/** Devices whose `api.signal` is a relay in memory that also lets a test tamper or replay. */
function relay(count: number) {
  const a = createOfficeKeys(newDeviceId());
  const keys: OfficeKeys[] = [a];
  for (let i = 1; i < count; i++)
    keys.push({ ...a, ...deviceIdentity(a.officeSecret as Uint8Array, a.office, newDeviceId()) });
  const listeners = new Map<string, Set<SignalListener>>();
  const carried: { from: string; to: string; data: unknown }[] = [];
  const deliver = (from: string, to: string, data: unknown) => {
    for (const l of listeners.get(to) ?? []) l(from, JSON.parse(JSON.stringify(data)));
  };
  const apis = keys.map((k): SyncApi => ({
    device: k.device,
    office: k.office,
    connect: () => {
      throw new Error('not used');
    },
    async signal(to, data) {
      carried.push({ from: k.device, to, data });
      deliver(k.device, to, data);
      return true;
    },
    onSignal(listener) {
      const set = listeners.get(k.device) ?? new Set();
      listeners.set(k.device, set.add(listener));
      return () => set.delete(listener);
    },
    otherDevices: async () => keys.filter((o) => o !== k).map((o) => o.device)
  }));
  return { keys, apis, carried, deliver };
}

const settle = () => new Promise((r) => setTimeout(r, 100));
async function until(check: () => boolean) {
  // A bound only so a broken channel fails instead of hanging; a busy machine needs seconds.
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}
const cursor = (n: number): ChannelMessage => ({
  kind: 'awareness',
  doc: 'shift/2026-11-23-early',
  update: new Uint8Array([1, n, 2, 3])
});

describe('awareness over the relay’s signalling, sealed', () => {
  it('reaches every other device of the office, in order, and nothing else', async () => {
    const { keys, apis } = relay(3);
    const channels = apis.map((api, i) => deviceChannel(api, { keys: () => keys[i] }));
    const got: ChannelMessage[][] = [[], [], []];
    channels.forEach((c, i) => c.listen((m) => got[i].push(m)));
    for (let n = 1; n <= 3; n++) channels[0].send(cursor(n));
    channels[0].send({ kind: 'update', doc: 'shift/x', update: new Uint8Array([9]) });
    await until(() => got[1].length === 3 && got[2].length === 3);
    await settle();
    expect(got[0]).toEqual([]);
    for (const i of [1, 2]) expect(got[i].map((m) => m.update[1])).toEqual([1, 2, 3]);
  });

  it('drops a forged, altered or replayed message and ignores WebRTC signalling', async () => {
    const { keys, apis, carried, deliver } = relay(2);
    const [onA, onB] = apis.map((api, i) => deviceChannel(api, { keys: () => keys[i] }));
    onA.listen(() => undefined);
    const got: ChannelMessage[] = [];
    onB.listen((m) => got.push(m));
    onA.send(cursor(1));
    await until(() => got.length === 1);
    expect(got).toHaveLength(1);
    const sealed = carried[0].data as SealedEphemeral;
    const box = fromBase64Url(sealed.box);
    box[box.length - 1] ^= 1;
    const before = recentSyncLog.length;
    deliver(keys[0].device, keys[1].device, { ...sealed, box: toBase64Url(box) }); // altered
    deliver(keys[0].device, keys[1].device, sealed); // replayed by the relay
    // A tablet of another office using A's id.
    const stranger = createOfficeKeys(keys[0].device);
    const foreignChannel = deviceChannel(
      { ...apis[0], signal: async (to, data) => (deliver(keys[0].device, to, data), true) },
      { keys: () => stranger }
    );
    foreignChannel.send(cursor(7));
    deliver(keys[0].device, keys[1].device, { rtc: 1, from: keys[0].device }); // not ours
    const reasons = () =>
      recentSyncLog
        .slice(before)
        .filter((l) => l.channel === 'collab-ephemeral')
        .map((l) => l.reason);
    // Each refusal is logged after an async signature check: wait for the three, not a time.
    await until(() => reasons().length >= 3);
    await settle();
    expect(got).toHaveLength(1);
    expect(reasons()).toEqual(['bad-signature', 'replay', 'not-enrolled']);
  });
});
