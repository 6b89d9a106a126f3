import { afterEach, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../src/relay';
import type { LogFields } from '../../src/relay/log';
import { DeviceClient, makeBatch, makeDevice, makeOffice } from './device-client';
import { randomOps } from './ops';
import { testStore } from './relay-process';

// In-process relay (startRelay), with small limits so each one is reached quickly.
let relay: RunningRelay | undefined;
const logs: ({ event: string } & LogFields)[] = [];
afterEach(async () => {
  await relay?.close();
  relay = undefined;
  logs.length = 0;
});

async function start(limits: Parameters<typeof startRelay>[0]['limits']) {
  relay = await startRelay({
    port: 0,
    ...(await testStore()),
    limits,
    log: (_level, event, fields) => logs.push({ event, ...fields })
  });
  return relay;
}

describe('limits', () => {
  it('rate: a device above its token bucket gets rate-limited with a retry delay', async () => {
    const { url } = await start({ ratePerSecond: 1, rateBurst: 5 });
    const client = await DeviceClient.connect(url, makeDevice(makeOffice()));
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => client.request({ t: 'pull', vector: {} }))
    );
    const limited = replies.filter((r) => r.header.t === 'error');
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(limited[0].header).toMatchObject({ code: 'rate-limited' });
    expect(limited[0].header.t === 'error' && limited[0].header.retryAfterMs).toBeGreaterThan(0);
    expect(logs.some((l) => l.event === 'reject' && l.code === 'rate-limited')).toBe(true);
    await client.close();
  });

  it('storage quota per office: the batch that would exceed it is refused and not stored', async () => {
    const running = await start({ officeQuotaBytes: 20_000 });
    const office = makeOffice();
    const device = makeDevice(office);
    const client = await DeviceClient.connect(running.url, device);
    let have = 0;
    let refused;
    for (let first = 1; first < 1000; first += 50) {
      const { batch, body } = await makeBatch(device, randomOps(first, 50));
      const reply = await client.request({ t: 'push', batch }, body);
      if (reply.header.t === 'error') {
        refused = reply.header;
        break;
      }
      have = batch.last;
    }
    expect(refused).toMatchObject({ code: 'quota-exceeded', have });
    expect((await running.store.vector(office.id))[device.id]).toBe(have);
    // Another office is not affected.
    const other = makeDevice(makeOffice());
    const otherClient = await DeviceClient.connect(running.url, other);
    const { batch, body } = await makeBatch(other, randomOps(1, 50));
    expect((await otherClient.request({ t: 'push', batch }, body)).header.t).toBe('ack');
    await Promise.all([client.close(), otherClient.close()]);
  });

  it('connections per office: the one above the limit is refused', async () => {
    const { url } = await start({ maxConnectionsPerOffice: 2 });
    const office = makeOffice();
    const first = await DeviceClient.connect(url, makeDevice(office));
    const second = await DeviceClient.connect(url, makeDevice(office));
    const third = await DeviceClient.connect(url, makeDevice(office));
    expect(first.welcome && second.welcome).toBeTruthy();
    expect(third.welcome).toBeUndefined();
    expect(third.errors[0]).toMatchObject({ code: 'too-many-connections' });
    await Promise.all([first.close(), second.close()]);
  });

  it('short-link blobs are served by hash over HTTP with CORS, and expire', async () => {
    // Served: on a relay with the default TTL limit. (With the 1 s limit below, a busy machine
    // can take longer than that between the put and the fetch: issue 12 §7.)
    const serving = await start({});
    const client = await DeviceClient.connect(serving.url, makeDevice(makeOffice()));
    const blob = new Uint8Array([1, 2, 3, 4, 5]);
    const stored = await client.request({ t: 'blob-put', ttl: 3600 }, blob);
    expect(stored.header.t).toBe('blob-stored');
    const hash = stored.header.t === 'blob-stored' ? stored.header.hash : '';
    const response = await fetch(`${serving.httpUrl}/b/${hash}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(blob);
    const got = await client.request({ t: 'blob-get', hash });
    expect(got.body).toEqual(blob);
    await client.close();
    await serving.close();
    relay = undefined;

    // Expired: the asked TTL is capped by the limit (1 s), and once that moment has passed the
    // blob is gone by HTTP and by the protocol.
    const capped = await start({ maxBlobTtlSeconds: 1 });
    const owner = await DeviceClient.connect(capped.url, makeDevice(makeOffice()));
    const before = Date.now();
    const short = await owner.request({ t: 'blob-put', ttl: 3600 }, blob);
    const after = Date.now();
    if (short.header.t !== 'blob-stored') throw new Error(`not stored: ${short.header.t}`);
    expect(short.header.expires).toBeGreaterThanOrEqual(before + 1000);
    expect(short.header.expires).toBeLessThanOrEqual(after + 1000);
    while (Date.now() <= short.header.expires) await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${capped.httpUrl}/b/${short.header.hash}`)).status).toBe(404);
    expect((await owner.request({ t: 'blob-get', hash: short.header.hash })).header).toMatchObject({
      code: 'not-found'
    });
    await owner.close();
  });
});
