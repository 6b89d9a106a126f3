import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRevocationList } from '../../src/lib/sync/crypto';
import { DeviceClient, makeBatch, makeDevice, makeOffice, type TestDevice } from './device-client';
import { openBatch, randomOps } from './ops';
import { hasBatch, spawnRelay, storeCounts, type RelayProcess } from './relay-process';

/**
 * Batch pruning after compaction (issue 12 §5; relay/prune.ts), on each store: a device says a
 * published snapshot covers a vector; the relay drops the batches of that range every
 * enrolled device has acknowledged (by its pulls), never more; a removed device does not hold
 * it back; the welcome and each pull's answer carry the floor (a device below it joins from
 * the snapshot); the office's stored bytes go down.
 */
let relay: RelayProcess;
beforeAll(async () => {
  relay = await spawnRelay();
});
afterAll(() => relay?.stop());

async function push(client: DeviceClient, device: TestDevice, first: number, count: number) {
  const { batch, body } = await makeBatch(device, randomOps(first, count));
  const reply = await client.request({ t: 'push', batch }, body);
  expect(reply.header).toMatchObject({ t: 'ack', have: first + count - 1 });
}

describe('batch pruning after compaction', () => {
  it('drops only what the snapshot covers and every enrolled device holds; a removed device does not count', async () => {
    const office = makeOffice();
    const a = makeDevice(office);
    const b = makeDevice(office);
    const c = makeDevice(office);
    const clientA = await DeviceClient.connect(relay.url, a);
    const clientB = await DeviceClient.connect(relay.url, b);
    const clientC = await DeviceClient.connect(relay.url, c);
    for (let i = 0; i < 4; i++) await push(clientA, a, i * 10 + 1, 10); // A: 1..40 in 4 batches
    await push(clientB, b, 1, 5);
    const before = await storeCounts(relay);

    // Nobody acknowledged anything yet: nothing goes.
    let reply = await clientA.request({ t: 'prune', vector: { [a.id]: 40, [b.id]: 5 } });
    expect(reply.header).toMatchObject({ t: 'pruned', batches: 0, floor: {} });

    // A holds all; B holds A's 1..25 (a batch boundary is not needed: 21..30 stays); C holds 1..40.
    await clientA.pull({ [a.id]: 40, [b.id]: 5 });
    await clientB.pull({ [a.id]: 25, [b.id]: 5 });
    // C has not acknowledged B's ops: B's batch stays.
    await clientC.pull({ [a.id]: 40 });
    reply = await clientA.request({ t: 'prune', vector: { [a.id]: 40, [b.id]: 5 } });
    expect(reply.header).toMatchObject({ t: 'pruned', batches: 2, floor: { [a.id]: 20 } });
    expect(await hasBatch(relay, a.id, 20)).toBe(false);
    expect(await hasBatch(relay, a.id, 30)).toBe(true);
    expect(await hasBatch(relay, b.id, 5)).toBe(true);
    const after = await storeCounts(relay);
    expect(after.batches).toBe(before.batches - 2);
    expect(after.bytes).toBeLessThan(before.bytes);
    expect(after.highs).toBe(before.highs); // the vector still says what the office made

    // The snapshot covers less than everyone holds: only up to it.
    await clientB.pull({ [a.id]: 40, [b.id]: 5 });
    reply = await clientA.request({ t: 'prune', vector: { [a.id]: 30 } });
    expect(reply.header).toMatchObject({ t: 'pruned', batches: 1, floor: { [a.id]: 30 } });

    // C is removed from the office: what it never acknowledged (B's batch) may go now.
    const revocation = signRevocationList(office.signing.secretKey, office.id, 1, [c.id]);
    expect((await clientA.request({ t: 'revoke', revocation })).header.t).toBe('ok');
    reply = await clientA.request({ t: 'prune', vector: { [a.id]: 40, [b.id]: 5 } });
    expect(reply.header).toMatchObject({
      t: 'pruned',
      batches: 2,
      floor: { [a.id]: 40, [b.id]: 5 }
    });
    expect((await storeCounts(relay)).batches).toBe(before.batches - 5);
    await Promise.all([clientA.close(), clientB.close()]);
  });

  it('a new device is told the floor and pulls the tail above it; acknowledgements never go down', async () => {
    const office = makeOffice();
    const a = makeDevice(office);
    const clientA = await DeviceClient.connect(relay.url, a);
    await push(clientA, a, 1, 10);
    await push(clientA, a, 11, 10);
    await clientA.pull({ [a.id]: 20 });
    // A pull with an older vector (a stale tab) does not lower what A acknowledged.
    await clientA.pull({ [a.id]: 3 });
    const reply = await clientA.request({ t: 'prune', vector: { [a.id]: 10 } });
    expect(reply.header).toMatchObject({ t: 'pruned', batches: 1, floor: { [a.id]: 10 } });
    await push(clientA, a, 21, 5);

    // A new device: enrolled, it holds pruning back until it has pulled.
    const d = makeDevice(office);
    const clientD = await DeviceClient.connect(relay.url, d);
    expect(clientD.welcome).toMatchObject({ vector: { [a.id]: 25 }, floor: { [a.id]: 10 } });
    expect((await clientA.request({ t: 'prune', vector: { [a.id]: 20 } })).header).toMatchObject({
      batches: 0,
      floor: { [a.id]: 10 }
    });
    // From the snapshot's vector (10): the tail, and the floor in the answer.
    const { batches, done } = await clientD.pull({ [a.id]: 10 });
    const ops = (await Promise.all(batches.map((r) => openBatch(d, r)))).flat();
    expect(ops.map((op) => op.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 11));
    expect(done.header).toMatchObject({
      t: 'pulled',
      vector: { [a.id]: 25 },
      floor: { [a.id]: 10 }
    });
    // What D holds now (after applying the tail): told by `holds`, no pull needed.
    expect((await clientD.request({ t: 'holds', vector: { [a.id]: 25 } })).header.t).toBe('ok');
    expect((await clientA.request({ t: 'prune', vector: { [a.id]: 20 } })).header).toMatchObject({
      batches: 1,
      floor: { [a.id]: 20 }
    });
    await Promise.all([clientA.close(), clientD.close()]);
  });
});
