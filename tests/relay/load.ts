// Load run (not a test: timings belong outside tests): `npx tsx tests/relay/load.ts [offices] [devices] [seconds]`.
// Spawns a relay, connects offices × devices, and has every device push 100-op batches
// (window 2) for the given time; prints acknowledged batches/s, live deliveries/s, relay RSS and CPU.
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { batchSignatureMessage } from '../../src/lib/sync/crypto/envelope';
import { encryptBatch, toBase64Url, utf8 } from '../../src/lib/sync/crypto';
import { DeviceClient, makeDevice, makeOffice, type TestDevice } from './device-client';
import { randomOps } from './ops';
import { spawnRelay } from './relay-process';

const [offices, devicesPerOffice, seconds] = process.argv.slice(2).map(Number);
const OFFICES = offices || 50;
const DEVICES = devicesPerOffice || 5;
const SECONDS = seconds || 10;
const OPS_PER_BATCH = 100;
const WINDOW = 2;

function nativeSigner(device: TestDevice): (message: Uint8Array) => Uint8Array {
  const key = createPrivateKey({
    key: {
      kty: 'OKP',
      crv: 'Ed25519',
      d: toBase64Url(device.signing.secretKey),
      x: toBase64Url(device.signing.publicKey)
    },
    format: 'jwk'
  });
  return (message) => new Uint8Array(nodeSign(null, message, key));
}

function procStats(pid: number): { rssMiB: number; cpuSeconds: number } {
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return {
    rssMiB: Number(rss?.[1] ?? 0) / 1024,
    cpuSeconds: (Number(stat[11]) + Number(stat[12])) / 100
  };
}

const relay = await spawnRelay();
const pid = relay.pid()!;
const clients: {
  client: DeviceClient;
  device: TestDevice;
  sign: (m: Uint8Array) => Uint8Array;
  next: number;
}[] = [];
for (let o = 0; o < OFFICES; o++) {
  const office = makeOffice();
  for (let d = 0; d < DEVICES; d++) {
    const device = makeDevice(office);
    const client = await DeviceClient.connect(relay.url, device);
    client.keepLive = false;
    clients.push({ client, device, sign: nativeSigner(device), next: 1 });
  }
}
const idle = procStats(pid);
console.log(
  `connected ${clients.length} devices (${OFFICES} offices × ${DEVICES}); relay RSS ${idle.rssMiB.toFixed(0)} MiB`
);

let acked = 0;
let errors = 0;
let peakRss = idle.rssMiB;
const deadline = Date.now() + SECONDS * 1000;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, procStats(pid).rssMiB)), 250);

async function pushLoop(entry: (typeof clients)[number]): Promise<void> {
  while (Date.now() < deadline) {
    const first = entry.next;
    entry.next += OPS_PER_BATCH;
    const meta = {
      office: entry.device.office.id,
      device: entry.device.id,
      first,
      last: first + OPS_PER_BATCH - 1,
      epoch: 1,
      schema: 1
    };
    const body = await encryptBatch(
      entry.device.office.key,
      meta,
      utf8(JSON.stringify(randomOps(first, OPS_PER_BATCH)))
    );
    const sig = toBase64Url(entry.sign(batchSignatureMessage(meta, body)));
    const { office: _office, ...wire } = meta;
    const reply = await entry.client.request({ t: 'push', batch: { ...wire, sig } }, body);
    if (reply.header.t === 'ack') acked++;
    else errors++;
  }
}

const cpuBefore = procStats(pid).cpuSeconds;
const clientCpuBefore = process.cpuUsage();
const started = Date.now();
// Window 2 per device: two loops would break seq order, so each device pipelines by keeping
// one request in flight while the next batch is being prepared.
await Promise.all(
  clients.flatMap((entry) => Array.from({ length: WINDOW - 1 }, () => pushLoop(entry)))
);
const elapsed = (Date.now() - started) / 1000;
clearInterval(sampler);
const cpu = procStats(pid).cpuSeconds - cpuBefore;
const clientCpu = process.cpuUsage(clientCpuBefore);
console.log(
  'load client cpu share',
  ((clientCpu.user + clientCpu.system) / 1e6 / ((Date.now() - started) / 1000)).toFixed(2)
);
const delivered = clients.reduce((sum, { client }) => sum + client.liveCount, 0);
const bodyBytes = OPS_PER_BATCH * 75;
console.log(
  JSON.stringify(
    {
      devices: clients.length,
      seconds: +elapsed.toFixed(1),
      batchesPerSecond: Math.round(acked / elapsed),
      opsPerSecond: Math.round((acked * OPS_PER_BATCH) / elapsed),
      liveDeliveriesPerSecond: Math.round(delivered / elapsed),
      approxBatchBytes: bodyBytes,
      errors,
      relayRssIdleMiB: Math.round(idle.rssMiB),
      relayRssPeakMiB: Math.round(peakRss),
      relayCpuShare: +(cpu / elapsed).toFixed(2)
    },
    null,
    2
  )
);
await Promise.all(clients.map(({ client }) => client.close()));
await relay.stop();
