import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceClient, makeBatch, makeDevice, makeOffice, type TestDevice } from './device-client';
import { openBatch, randomOps } from './ops';
import { hasBatch, spawnRelay, storeCounts, type RelayProcess } from './relay-process';

let relay: RelayProcess;
beforeAll(async () => {
  relay = await spawnRelay({ RELAY_ADMIN_TOKEN: 'admin-token-of-the-test' });
});
afterAll(() => relay?.stop());

async function push(client: DeviceClient, device: TestDevice, first: number, count: number) {
  const { batch, body } = await makeBatch(device, randomOps(first, count));
  return client.request({ t: 'push', batch }, body);
}

describe('two devices of one office', () => {
  it('B receives A’s batches live, then by catch-up after reconnecting; acks come only after the commit', async () => {
    const office = makeOffice();
    const a = makeDevice(office);
    const b = makeDevice(office);
    const clientA = await DeviceClient.connect(relay.url, a);
    let clientB = await DeviceClient.connect(relay.url, b);
    expect(clientA.welcome?.vector).toEqual({ [a.id]: 0 });

    for (let i = 0; i < 3; i++) {
      const reply = await push(clientA, a, i * 10 + 1, 10);
      expect(reply.header).toMatchObject({ t: 'ack', device: a.id, have: (i + 1) * 10 });
      // Read through another connection: the acknowledged batch is already committed.
      expect(await hasBatch(relay, a.id, (i + 1) * 10)).toBe(true);
    }
    await clientB.until(() => clientB.live.length === 3);
    const live = await Promise.all(clientB.live.map((reply) => openBatch(b, reply)));
    expect(live.flat().map((op) => op.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(clientA.live).toHaveLength(0); // the sender does not get its own batches back

    await clientB.close();
    await push(clientA, a, 31, 10);
    await push(clientA, a, 41, 10);

    clientB = await DeviceClient.connect(relay.url, b);
    expect(clientB.welcome?.vector[a.id]).toBe(50);
    const { batches, done } = await clientB.pull({ [a.id]: 30 });
    const caughtUp = await Promise.all(batches.map((reply) => openBatch(b, reply)));
    expect(caughtUp.flat().map((op) => op.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 31)
    );
    expect(done.header).toMatchObject({ t: 'pulled', vector: { [a.id]: 50 } });
    await Promise.all([clientA.close(), clientB.close()]);
  });

  it('a resent batch is acknowledged again and stored once; a gap or overlap is refused with what the relay has', async () => {
    const office = makeOffice();
    const a = makeDevice(office);
    const client = await DeviceClient.connect(relay.url, a);
    const first = await makeBatch(a, randomOps(1, 5));
    expect(
      (await client.request({ t: 'push', batch: first.batch }, first.body)).header
    ).toMatchObject({ t: 'ack', have: 5 });
    const before = await storeCounts(relay);
    expect(
      (await client.request({ t: 'push', batch: first.batch }, first.body)).header
    ).toMatchObject({ t: 'ack', have: 5 });
    const gap = await makeBatch(a, randomOps(7, 3));
    expect((await client.request({ t: 'push', batch: gap.batch }, gap.body)).header).toMatchObject({
      t: 'error',
      code: 'gap',
      have: 5
    });
    const overlap = await makeBatch(a, randomOps(4, 3));
    expect(
      (await client.request({ t: 'push', batch: overlap.batch }, overlap.body)).header
    ).toMatchObject({ t: 'error', code: 'overlap', have: 5 });
    expect(await storeCounts(relay)).toEqual(before);
    await client.close();
  });

  it('hands on the author’s certificate with its first batch on each connection; a resend is not passed on live', async () => {
    const office = makeOffice();
    const a = makeDevice(office);
    const b = makeDevice(office);
    const clientA = await DeviceClient.connect(relay.url, a);
    const clientB = await DeviceClient.connect(relay.url, b);
    await push(clientA, a, 1, 5);
    await push(clientA, a, 6, 5);
    await clientB.until(() => clientB.live.length === 2);
    const [first, second] = clientB.live.map((reply) => reply.header);
    expect(first).toMatchObject({ t: 'batch', cert: a.cert });
    expect(second).not.toHaveProperty('cert');
    // Pushed again (a resend after a lost ack): acknowledged, not stored or forwarded twice.
    const again = await makeBatch(a, randomOps(6, 5));
    expect(
      (await clientA.request({ t: 'push', batch: again.batch }, again.body)).header
    ).toMatchObject({ t: 'ack', have: 10 });
    // A new connection gets the certificate again, with the first batch it pulls.
    const later = await DeviceClient.connect(relay.url, b);
    const { batches } = await later.pull({});
    expect(batches.map((reply) => 'cert' in reply.header)).toEqual([true, false]);
    expect(clientB.live).toHaveLength(2);
    await Promise.all([clientA.close(), clientB.close(), later.close()]);
  });

  it('serves /healthz: only ok to anyone, counts with the admin token', async () => {
    const url = `${relay.httpUrl}/healthz`;
    expect(await (await fetch(url)).json()).toEqual({ ok: true });
    const wrong = { headers: { Authorization: 'Bearer guess' } };
    expect(await (await fetch(url, wrong)).json()).toEqual({ ok: true });
    const admin = { headers: { Authorization: 'Bearer admin-token-of-the-test' } };
    const health = (await (await fetch(url, admin)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true });
    expect(typeof health.offices).toBe('number');
    expect(typeof health.connections).toBe('number');
    expect(typeof health.uptime).toBe('number');
  });
});
