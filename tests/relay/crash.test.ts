import { afterAll, describe, expect, it } from 'vitest';
import { DeviceClient, makeBatch, makeDevice, makeOffice, type Reply } from './device-client';
import { openBatch, randomOps } from './ops';
import { spawnRelay, storeCounts, type RelayProcess } from './relay-process';

const OPS = 100_000;
const PER_BATCH = 500;
const BATCHES = OPS / PER_BATCH;
const WINDOW = 16; // batches in flight, as a sync client would pipeline them
const KILL_AFTER = 60; // acknowledged batches before the kill

let relay: RelayProcess | undefined;
afterAll(() => relay?.stop());

describe('kill -9 during a sync of 100k ops', () => {
  it('loses no acknowledged batch; the client resumes; B ends with all 100k ops, none duplicated', async () => {
    relay = await spawnRelay();
    const office = makeOffice();
    const a = makeDevice(office);
    const b = makeDevice(office);
    const batches: Awaited<ReturnType<typeof makeBatch>>[] = [];
    for (let i = 0; i < BATCHES; i++)
      batches.push(await makeBatch(a, randomOps(i * PER_BATCH + 1, PER_BATCH)));

    let ackedThrough = -1; // index of the highest acknowledged batch (the relay acks in order)
    let sent = 0;
    const errors: Reply[] = [];
    async function pushFrom(client: DeviceClient, from: number): Promise<'done' | 'closed'> {
      const inFlight = new Set<Promise<unknown>>();
      let next = from;
      const closed = client.closed.then(() => 'closed' as const);
      while (next < BATCHES || inFlight.size > 0) {
        while (inFlight.size < WINDOW && next < BATCHES) {
          const index = next++;
          sent++;
          const reply = client
            .request({ t: 'push', batch: batches[index].batch }, batches[index].body)
            .then(
              (r) => {
                if (r.header.t === 'ack') ackedThrough = Math.max(ackedThrough, index);
                else errors.push(r);
              },
              () => undefined // killed before the ack: this batch stays unacknowledged and is resent
            );
          inFlight.add(reply);
          void reply.finally(() => inFlight.delete(reply));
        }
        if ((await Promise.race([...inFlight, closed])) === 'closed') return 'closed';
      }
      return 'done';
    }

    const first = await DeviceClient.connect(relay.url, a);
    const firstRun = pushFrom(first, 0);
    await first.until(() => ackedThrough + 1 >= KILL_AFTER, 30_000);
    await relay.kill9();
    expect(await firstRun).toBe('closed');
    const ackedBeforeKill = ackedThrough;
    expect(ackedBeforeKill).toBeLessThan(BATCHES - 1); // the kill really landed mid-sync

    await relay.restart();
    const second = await DeviceClient.connect(relay.url, a);
    // Every batch acknowledged before the kill is still there (maybe more: committed, ack lost).
    expect(second.welcome!.vector[a.id]).toBeGreaterThanOrEqual((ackedBeforeKill + 1) * PER_BATCH);
    // The client resends everything it has no ack for; batches the relay already holds are acked again.
    expect(await pushFrom(second, ackedThrough + 1)).toBe('done');
    expect(errors).toEqual([]);
    expect(ackedThrough).toBe(BATCHES - 1);
    expect(sent).toBeGreaterThan(BATCHES - 1);

    const reader = await DeviceClient.connect(relay.url, b);
    const { batches: received, done } = await reader.pull({});
    expect(done.header).toMatchObject({ t: 'pulled', vector: { [a.id]: OPS } });
    const seqs = (await Promise.all(received.map((reply) => openBatch(b, reply))))
      .flat()
      .map((op) => op.seq);
    expect(seqs).toHaveLength(OPS);
    expect(new Set(seqs).size).toBe(OPS);
    expect(Math.min(...seqs)).toBe(1);
    expect(Math.max(...seqs)).toBe(OPS);
    expect((await storeCounts(relay)).batches).toBe(BATCHES);
    await Promise.all([second.close(), reader.close()]);
  });
});
