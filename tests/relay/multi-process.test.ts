import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes, signRevocationList, toBase64Url, utf8 } from '../../src/lib/sync/crypto';
import { DeviceClient, makeBatch, makeDevice, makeOffice, type Reply } from './device-client';
import { openBatch, randomOps } from './ops';
import {
  spawnRelay,
  storeCounts,
  testStore,
  TEST_STORE,
  type RelayProcess,
  type StoreTarget
} from './relay-process';

// Several relay processes over one PostgreSQL (README "Many offices"): devices of one office on
// different processes. Only in the postgres project: one SQLite file has one process.
const relays: RelayProcess[] = [];
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

async function two(env: Record<string, string> = {}): Promise<[RelayProcess, RelayProcess]> {
  const target: StoreTarget = await testStore();
  const first = await spawnRelay(env, target);
  const second = await spawnRelay(env, target);
  relays.push(first, second);
  return [first, second];
}

describe.skipIf(TEST_STORE !== 'postgres')('two relay processes on one PostgreSQL', () => {
  it('an edit on a device of one process reaches the office’s device on the other, live, with the author’s certificate', async () => {
    const [p1, p2] = await two();
    const office = makeOffice();
    const a = makeDevice(office);
    const b = makeDevice(office);
    const clientA = await DeviceClient.connect(p1.url, a);
    const clientB = await DeviceClient.connect(p2.url, b);
    for (let i = 0; i < 3; i++) {
      const { batch, body } = await makeBatch(a, randomOps(i * 10 + 1, 10));
      expect((await clientA.request({ t: 'push', batch }, body)).header).toMatchObject({
        t: 'ack',
        have: (i + 1) * 10
      });
    }
    await clientB.until(() => clientB.live.length === 3);
    expect(clientB.live[0].header).toMatchObject({ t: 'batch', cert: a.cert });
    const ops = await Promise.all(clientB.live.map((reply) => openBatch(b, reply)));
    expect(ops.flat().map((op) => op.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // And the other way round.
    const { batch, body } = await makeBatch(b, randomOps(1, 5));
    expect((await clientB.request({ t: 'push', batch }, body)).header.t).toBe('ack');
    await clientA.until(() => clientA.live.length === 1);
    await Promise.all([clientA.close(), clientB.close()]);
  });

  it('signalling and pairing mailboxes work across processes', async () => {
    const [p1, p2] = await two();
    const office = makeOffice();
    const a = await DeviceClient.connect(p1.url, makeDevice(office));
    const b = await DeviceClient.connect(p2.url, makeDevice(office));
    const offer = { type: 'offer', sdp: 'opaque-to-the-relay', nested: { ice: [1, 2, 3] } };
    expect((await a.request({ t: 'signal', to: b.device!.id, data: offer })).header.t).toBe('ok');
    await b.until(() => b.signals.length === 1);
    expect(b.signals[0]).toEqual({ t: 'signal', from: a.device!.id, data: offer });
    const stranger = makeDevice(makeOffice());
    const other = await DeviceClient.connect(p2.url, stranger);
    expect((await a.request({ t: 'signal', to: stranger.id, data: offer })).header).toMatchObject({
      code: 'not-connected'
    });

    const pairing = toBase64Url(randomBytes(16));
    const host = await DeviceClient.open(p1.url);
    expect((await host.request({ t: 'pair-open', pairing, role: 'host' })).header.t).toBe('ok');
    expect(
      (await host.request({ t: 'pair-send', pairing, role: 'host' }, utf8('sealed offer'))).header.t
    ).toBe('ok');
    const guest = await DeviceClient.open(p2.url);
    expect((await guest.request({ t: 'pair-open', pairing, role: 'guest' })).header.t).toBe('ok');
    await guest.until(() => guest.pairing.length === 1);
    expect(new TextDecoder().decode(guest.pairing[0].body)).toBe('sealed offer');
    // The host role is held on the other process.
    const thief = await DeviceClient.open(p2.url);
    expect((await thief.request({ t: 'pair-open', pairing, role: 'host' })).header).toMatchObject({
      code: 'pairing-taken'
    });
    expect(
      (await guest.request({ t: 'pair-send', pairing, role: 'guest' }, utf8('sealed request')))
        .header.t
    ).toBe('ok');
    await host.until(() => host.pairing.length === 1);
    expect(new TextDecoder().decode(host.pairing[0].body)).toBe('sealed request');
    await Promise.all([a, b, other, host, guest, thief].map((client) => client.close()));
  });

  it('the connection limit per office and a revocation hold across processes', async () => {
    const [p1, p2] = await two({ RELAY_MAX_CONNECTIONS_PER_OFFICE: '2' });
    const office = makeOffice();
    const a = await DeviceClient.connect(p1.url, makeDevice(office));
    const lost = makeDevice(office);
    const lostClient = await DeviceClient.connect(p2.url, lost);
    const third = await DeviceClient.open(p2.url, makeDevice(office));
    expect((await third.hello()).header).toMatchObject({ code: 'too-many-connections' });
    const fourth = await DeviceClient.open(p1.url, makeDevice(office));
    expect((await fourth.hello()).header).toMatchObject({ code: 'too-many-connections' });

    const revocation = signRevocationList(office.signing.secretKey, office.id, 1, [lost.id]);
    expect((await a.request({ t: 'revoke', revocation })).header.t).toBe('ok');
    expect((await lostClient.closed).reason).toBe('revoked');
    await a.close();
  });

  it('kill -9 of one process mid-sync: the devices go on through the other, nothing acknowledged is lost', async () => {
    const [p1, p2] = await two();
    const office = makeOffice();
    const a = makeDevice(office);
    const b = makeDevice(office);
    const PER = 100;
    const COUNT = 60;
    const batches: Awaited<ReturnType<typeof makeBatch>>[] = [];
    for (let i = 0; i < COUNT; i++) batches.push(await makeBatch(a, randomOps(i * PER + 1, PER)));
    const clientB = await DeviceClient.connect(p2.url, b);

    let acked = 0; // batches acknowledged, in order
    const pushFrom = async (client: DeviceClient, from: number, stopAt: number) => {
      const pending: Promise<Reply | undefined>[] = [];
      for (let i = from; i < stopAt; i++)
        pending.push(
          client
            .request({ t: 'push', batch: batches[i].batch }, batches[i].body)
            .catch(() => undefined) // killed before the ack: resent later
        );
      for (const reply of pending) {
        const answer = await reply;
        if (answer?.header.t !== 'ack') return;
        acked = Math.max(acked, answer.header.have / PER);
      }
    };
    const first = await DeviceClient.connect(p1.url, a);
    await pushFrom(first, 0, 20);
    expect(acked).toBe(20);
    // Mid-sync: a window of pushes in flight when the process dies.
    const inFlight = pushFrom(first, 20, 40);
    await first.until(() => acked >= 25);
    await p1.kill9();
    await inFlight;
    const ackedBeforeKill = acked;

    // The device reconnects — to the process still running — and resends what has no ack.
    const second = await DeviceClient.connect(p2.url, a);
    expect(second.welcome!.vector[a.id]).toBeGreaterThanOrEqual(ackedBeforeKill * PER);
    const resumeAt = second.welcome!.vector[a.id] / PER;
    await pushFrom(second, resumeAt, COUNT);
    expect(acked).toBe(COUNT);

    // B, on the surviving process all along, has every op once (live and by catch-up).
    const { batches: pulled } = await clientB.pull({});
    const seqs = (await Promise.all(pulled.map((reply) => openBatch(b, reply))))
      .flat()
      .map((op) => op.seq);
    expect(new Set(seqs).size).toBe(COUNT * PER);
    expect((await storeCounts(p2)).batches).toBe(COUNT);
    await Promise.all([second.close(), clientB.close()]);
  });
});
