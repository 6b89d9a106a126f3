// Many offices (issue 21): 1,000 simulated offices × 5 devices over 2 relay processes on one
// PostgreSQL (a throw-away cluster on loopback), beside one SQLite relay with the same load in the
// same run. The devices are Node clients speaking the protocol (tests/relay/device-client.ts),
// all in this process: on the 2-core machine they share the cores with the relays and PostgreSQL.
//  - scale.batchesPerSec: every device pushes 100-op batches (one in flight) for THROUGHPUT_S;
//    scale.sqliteBatchesPerSec: the same on one SQLite relay;
//  - scale.relayP95Ms: an edit between two devices of one office on different processes (push
//    sent → live batch received), while the other devices keep editing at an office's pace;
//  - scale.rssMbPerProcess: the larger relay process's peak RSS over the whole run.
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startPgCluster } from '../../scripts/postgres-cluster.ts';
import { batchSignatureMessage } from '../../src/lib/sync/crypto/envelope.ts';
import { encryptBatch, toBase64Url, utf8 } from '../../src/lib/sync/crypto/index.ts';
import {
  DeviceClient,
  makeDevice,
  makeOffice,
  type TestDevice
} from '../../tests/relay/device-client.ts';
import { randomOps } from '../../tests/relay/ops.ts';
import { spawnRelay, tempDataDir, type RelayProcess } from '../../tests/relay/relay-process.ts';
import type { BenchGroup, Figure } from '../types.ts';

const OFFICES = 1000;
const DEVICES = 5;
const THROUGHPUT_S = 10;
const PROBES = 200;
const OPS = 100;
/** Background edits while latency is probed: each device one batch per this many seconds. */
const PACE_S = 20;

interface SimDevice {
  client: DeviceClient;
  device: TestDevice;
  sign: (message: Uint8Array) => Uint8Array;
  next: number;
}

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

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(match?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function push(sim: SimDevice): Promise<boolean> {
  const first = sim.next;
  sim.next += OPS;
  const meta = {
    office: sim.device.office.id,
    device: sim.device.id,
    first,
    last: first + OPS - 1,
    epoch: 1,
    schema: 1
  };
  const body = await encryptBatch(
    sim.device.office.key,
    meta,
    utf8(JSON.stringify(randomOps(first, OPS)))
  );
  const sig = toBase64Url(sim.sign(batchSignatureMessage(meta, body)));
  const { office: _office, ...wire } = meta;
  const reply = await sim.client.request({ t: 'push', batch: { ...wire, sig } }, body);
  return reply.header.t === 'ack';
}

/** offices × devices, device d of each office on relay d mod relays. */
async function connectAll(relays: RelayProcess[]): Promise<SimDevice[][]> {
  const offices: SimDevice[][] = [];
  for (let o = 0; o < OFFICES; o += 50) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(50, OFFICES - o) }, async () => {
        const office = makeOffice();
        return Promise.all(
          Array.from({ length: DEVICES }, async (_, d) => {
            const device = makeDevice(office);
            const client = await DeviceClient.connect(relays[d % relays.length].url, device);
            client.keepLive = false;
            return { client, device, sign: nativeSigner(device), next: 1 };
          })
        );
      })
    );
    offices.push(...chunk);
  }
  return offices;
}

async function throughput(offices: SimDevice[][]): Promise<number> {
  let acked = 0;
  const deadline = Date.now() + THROUGHPUT_S * 1000;
  const started = Date.now();
  await Promise.all(
    offices.flat().map(async (sim) => {
      while (Date.now() < deadline) if (await push(sim)) acked++;
    })
  );
  return acked / ((Date.now() - started) / 1000);
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN;
}

/** Edit on device 0 (relay 1) → live on device 1 (relay 2), with the office pace around it. */
async function latency(offices: SimDevice[][]): Promise<number[]> {
  let running = true;
  const background = offices.slice(20).flatMap((office) =>
    office.map(async (sim) => {
      // Spread over the pace, then one batch per PACE_S.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * PACE_S * 1000));
      while (running) {
        await push(sim);
        await new Promise((resolve) => setTimeout(resolve, PACE_S * 1000));
      }
    })
  );
  const samples: number[] = [];
  for (let i = 0; i < PROBES; i++) {
    const [a, b] = offices[i % 20];
    const before = b.client.liveCount;
    const started = performance.now();
    await push(a);
    await b.client.until(() => b.client.liveCount > before, 10_000);
    samples.push(performance.now() - started);
  }
  running = false;
  void Promise.all(background);
  return samples;
}

export default {
  name: 'scale',
  async run(ctx) {
    const figures: Figure[] = [];
    const peak = new Map<number, number>();
    const sample = (relays: RelayProcess[]): NodeJS.Timeout =>
      setInterval(() => {
        for (const relay of relays) {
          const pid = relay.pid();
          if (pid) peak.set(pid, Math.max(peak.get(pid) ?? 0, rssMb(pid)));
        }
      }, 250);

    // Baseline of the same run: one SQLite relay, the same offices × devices.
    const sqlite = await spawnRelay({}, tempDataDir());
    let sqliteRate: number;
    try {
      const offices = await connectAll([sqlite]);
      ctx.log(`sqlite: ${OFFICES * DEVICES} devices connected`);
      sqliteRate = await throughput(offices);
      await Promise.all(offices.flat().map((sim) => sim.client.close()));
    } finally {
      await sqlite.stop();
    }

    const cluster = await startPgCluster({ maxConnections: 100 });
    const relays: RelayProcess[] = [];
    let timer: NodeJS.Timeout | undefined;
    try {
      const databaseUrl = await cluster.createDatabase('relay_scale');
      const target = { dataDir: cluster.dataDir, databaseUrl };
      relays.push(await spawnRelay({}, target), await spawnRelay({}, target));
      timer = sample(relays);
      const offices = await connectAll(relays);
      ctx.log(`postgres: ${OFFICES * DEVICES} devices connected over ${relays.length} processes`);
      const rate = await throughput(offices);
      const samples = await latency(offices);
      ctx.log(
        `scale: ${rate.toFixed(0)} batches/s over 2 processes on PostgreSQL vs ${sqliteRate.toFixed(0)} on one SQLite relay; ` +
          `edit A(process 1) → B(process 2) median ${samples.sort((x, y) => x - y)[samples.length >> 1].toFixed(1)} ms`
      );
      const rss = Math.max(...relays.map((relay) => peak.get(relay.pid() ?? 0) ?? 0));
      figures.push(
        { name: 'scale.batchesPerSec', value: Math.round(rate), unit: 'batches/s' },
        {
          name: 'scale.sqliteBatchesPerSec',
          value: Math.round(sqliteRate),
          unit: 'batches/s',
          note: 'one SQLite relay, the same 1,000 offices × 5 devices, same run'
        },
        {
          name: 'scale.relayP95Ms',
          value: Math.round(p95(samples) * 10) / 10,
          unit: 'ms',
          target: { op: '<=', value: 100 }
        },
        {
          name: 'scale.rssMbPerProcess',
          value: Math.round(rss),
          unit: 'MiB',
          target: { op: '<=', value: 300 }
        }
      );
      await Promise.all(offices.flat().map((sim) => sim.client.close()));
    } finally {
      clearInterval(timer);
      await Promise.all(relays.map((relay) => relay.stop()));
      await cluster.stop();
    }
    return figures;
  }
} satisfies BenchGroup;
