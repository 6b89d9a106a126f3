import { afterEach, describe, expect, it } from 'vitest';
import { write, type Actor } from '$lib/db/write';
import type { SignalListener, SyncApi } from '../api';
import { runPeerSession } from '../peer-session';
import { recentSyncLog } from '../sync-log';
import { testOffice, type TestDevice } from '../test-office';
import { startDirectSync, type DirectSync } from './direct-sync';
import { FakeNetwork } from './fake-rtc';
import { openSignal } from './signal-seal';

const desk: Actor = { staffId: 'F1', role: 'frontDesk' };

async function until(check: () => Promise<boolean> | boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The relay's signalling, in memory: delivers while `up`, records what passed. */
class Relay {
  up = true;
  readonly listeners = new Map<string, SignalListener>();
  readonly passed: { from: string; to: string; data: unknown }[] = [];

  api(device: TestDevice, office: TestDevice[]): SyncApi {
    return {
      device: device.keys.device,
      office: device.keys.office,
      connect: (transport) => runPeerSession(device.engine, transport),
      signal: async (to, data) => {
        const listener = this.listeners.get(to);
        if (!this.up || !listener) return false;
        this.passed.push({ from: device.keys.device, to, data });
        setTimeout(() => listener(device.keys.device, data), 1);
        return true;
      },
      onSignal: (listener) => {
        this.listeners.set(device.keys.device, listener);
        return () => this.listeners.delete(device.keys.device);
      },
      otherDevices: async () =>
        office.map((d) => d.keys.device).filter((d) => d !== device.keys.device)
    };
  }
}

const running: DirectSync[] = [];
afterEach(() => {
  for (const direct of running.splice(0)) direct.stop();
});

async function twoTablets() {
  const devices = await testOffice(2);
  const [low, high] = [...devices].sort((x, y) => (x.keys.device < y.keys.device ? -1 : 1));
  const relay = new Relay();
  const network = new FakeNetwork();
  const start = (device: TestDevice) => {
    const direct = startDirectSync(relay.api(device, devices), {
      keys: () => device.engine.keys,
      createPeerConnection: network.factory,
      retryMs: 50,
      tickMs: 50,
      iceServers: []
    });
    running.push(direct);
    return direct;
  };
  return { low, high, relay, network, start };
}

/** The signals of kind `t` that passed the relay, opened with their recipient's keys. */
async function passedOfKind(relay: Relay, devices: TestDevice[], t: string) {
  const out: { from: string; data: unknown }[] = [];
  for (const p of relay.passed) {
    const to = devices.find((d) => d.keys.device === p.to);
    if (to && (await openSignal(to.keys, p.from, p.data)).body.t === t) out.push(p);
  }
  return out;
}

async function createPerson(device: TestDevice, name: string): Promise<string> {
  const [id] = await write(desk, [{ op: 'create', table: 'person', value: { name, phones: [] } }], {
    db: device.db
  });
  return id;
}

describe('direct sync between two tablets', () => {
  it('opens one channel (only the lower id offers) and keeps syncing with the relay down', async () => {
    const { low, high, relay, network, start } = await twoTablets();
    const a = start(high);
    const b = start(low);
    await until(() => a.connected().length === 1 && b.connected().length === 1);
    expect(a.connected()).toEqual([low.keys.device]);
    // No glare: every offer went from the lower id to the higher one.
    const offers = await passedOfKind(relay, [low, high], 'offer');
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every((p) => p.from === low.keys.device)).toBe(true);
    expect(network.openChannels()).toBe(2);

    relay.up = false;
    const id = await createPerson(high, '王芳');
    await until(async () => (await low.db.person.get(id))?.name === '王芳');
    await write(desk, [{ op: 'update', table: 'person', id, patch: { notes: '低号改' } }], {
      db: low.db
    });
    await until(async () => (await high.db.person.get(id))?.notes === '低号改');
  });

  it('reconnects after the channel drops', async () => {
    const { low, high, network, start } = await twoTablets();
    const a = start(low);
    const b = start(high);
    await until(() => a.connected().length === 1 && b.connected().length === 1);
    const before = network.created;
    network.cutAll();
    await until(() => network.created > before && a.connected().length === 1);
    await until(() => b.connected().length === 1);
    const id = await createPerson(low, '李雷');
    await until(async () => (await high.db.person.get(id))?.name === '李雷');
  });

  it('refuses a replayed offer and keeps the working channel', async () => {
    const { low, high, relay, network, start } = await twoTablets();
    const a = start(low);
    const b = start(high);
    await until(() => a.connected().length === 1 && b.connected().length === 1);
    const [offer] = await passedOfKind(relay, [low, high], 'offer');
    if (!offer) throw new Error('no offer passed');
    const created = network.created;
    relay.listeners.get(high.keys.device)?.(low.keys.device, offer.data);
    await until(() =>
      recentSyncLog.some((l) => l.event === 'reject' && l.reason === 'replay' && l.t === 'offer')
    );
    expect(network.created).toBe(created);
    expect(b.connected()).toEqual([low.keys.device]);
  });
});
