// Load run (not a test: timings belong outside tests): `npx tsx tests/relay/load.ts [offices] [devices] [seconds]`.
// Spawns a relay, connects offices × devices, and has every device push 100-op batches (one in
// flight each) for the given time; prints acknowledged batches/s, live deliveries/s, relay RSS and
// CPU as JSON (bench group sync reads it: relay.batchesPerSec). The simulated devices are
// load-client.ts's, shared with bench group scale.
import { relayLoad } from './load-client';
import { spawnRelay } from './relay-process';

const [offices, devicesPerOffice, seconds] = process.argv.slice(2).map(Number);
const relay = await spawnRelay();
try {
  const summary = await relayLoad(relay, offices || 50, devicesPerOffice || 5, seconds || 10);
  console.log(JSON.stringify(summary, null, 2));
} finally {
  await relay.stop();
}
