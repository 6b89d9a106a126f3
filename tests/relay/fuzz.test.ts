import { afterAll, beforeAll, expect, it } from 'vitest';
import { DeviceClient, makeDevice, makeOffice, type TestDevice } from './device-client';
import { fuzzRelay } from './hostile/fuzz';
import { spawnRelay, storeCounts, type RelayProcess } from './relay-process';

// Issue 13: a few thousand generated hostile frames against a real relay process (the bench's
// `hostile` group sends 100k+): the process never exits, every refusal is logged with a reason,
// and nothing is stored but what a signed-in device may store and was told was stored.
const FRAMES = 3_000;
let relay: RelayProcess;
let device: TestDevice;
beforeAll(async () => {
  relay = await spawnRelay({
    RELAY_RATE_PER_SECOND: '100000',
    RELAY_RATE_BURST: '100000',
    RELAY_LOG_REJECTS_PER_MINUTE: '1000000000'
  });
  device = makeDevice(makeOffice());
  await (await DeviceClient.connect(relay.url, device)).close(); // enrolled: its lanes reach the handlers
});
afterAll(() => relay?.stop());

it(`survives ${FRAMES} fuzzed frames, unauthenticated and signed in, logging every refusal`, async () => {
  const before = await storeCounts(relay);
  const result = await fuzzRelay({ url: relay.url, count: FRAMES, seed: 13, lanes: 4, device });
  expect(result.frames).toBe(FRAMES);
  expect(result.unanswered).toEqual([]); // every frame got an answer or ended its connection
  expect(relay.pid()).toBeDefined();
  // Still alive and serving: a hello is answered.
  const probe = await DeviceClient.connect(relay.url, device);
  expect(probe.welcome).toBeDefined();
  await probe.close();
  expect(relay.logs.filter((l) => l.event === 'uncaught' || l.event === 'session-error')).toEqual(
    []
  );

  const rejects = relay.logs.filter((l) => l.event === 'reject');
  expect(rejects.every((l) => typeof l.code === 'string' && typeof l.reason === 'string')).toBe(
    true
  );
  expect(rejects.length).toBeGreaterThanOrEqual(result.refusals);
  expect(result.refusals).toBeGreaterThan(FRAMES / 2);

  const after = await storeCounts(relay);
  expect(after.offices).toBe(before.offices);
  expect(after.devices).toBe(before.devices);
  expect(after.batches).toBe(0);
  expect(after.blobs).toBeLessThanOrEqual(result.types['blob-stored'] ?? 0);
});
