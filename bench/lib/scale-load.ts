// Many offices (issue 21): 1,000 simulated offices × 5 devices over 2 relay processes on one
// PostgreSQL (a throw-away cluster on loopback), beside SQLite baselines of the same run. The
// devices are Node clients speaking the protocol (tests/relay/load-client.ts, shared with
// tests/relay/load.ts: native crypto, 32 hellos at a time), all in this (child) process: on the
// 2-core machine they share the cores with the relays and PostgreSQL.
//  - scale.batchesPerSec: every device pushes 100-op batches (one in flight) for THROUGHPUT_S;
//    scale.relayBatchesPerSec: group sync's relay.batchesPerSec (one SQLite relay, 50 × 5) in
//    this run; scale.sqliteBatchesPerSec: the same 1,000 × 5 on one SQLite relay, only with
//    SCALE_SQLITE_SAME_LOAD=1;
//  - scale.relayP95Ms: an edit between two devices of one office on different processes (push
//    sent → live batch received), while the other devices keep editing at an office's pace;
//  - scale.rssMbPerProcess: the larger relay process's peak RSS over the whole run.
import { startPgCluster } from '../../scripts/postgres-cluster.ts';
import {
  connectOffices,
  procStats,
  pushFor,
  pushOps,
  relayLoadChild,
  type SimDevice
} from '../../tests/relay/load-client.ts';
import { spawnRelay, tempDataDir, type RelayProcess } from '../../tests/relay/relay-process.ts';
import { pathToFileURL } from 'node:url';
import type { Figure } from '../types.ts';

const OFFICES = 1000;
const DEVICES = 5;
const THROUGHPUT_S = 10;
const PROBES = 200;
/** Background edits while latency is probed: each device one batch per this many seconds. */
const PACE_S = 20;

/** offices × devices, device d of each office on relay d mod relays; how long it took. */
async function connectAll(
  relays: RelayProcess[],
  log: (message: string) => void
): Promise<{ offices: SimDevice[][]; seconds: number }> {
  const started = Date.now();
  const offices = await connectOffices(
    relays.map((relay) => relay.url),
    OFFICES,
    DEVICES,
    { onProgress: (n) => log(`  ${n} devices connected`) }
  );
  return { offices, seconds: (Date.now() - started) / 1000 };
}

async function throughput(offices: SimDevice[][]): Promise<number> {
  const { acked, elapsed } = await pushFor(offices.flat(), THROUGHPUT_S);
  return acked / elapsed;
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
        // A connection closed under load ends this device's edits, not the run.
        if ((await pushOps(sim).catch(() => undefined)) === undefined) return;
        await new Promise((resolve) => setTimeout(resolve, PACE_S * 1000));
      }
    })
  );
  const samples: number[] = [];
  for (let i = 0; i < PROBES; i++) {
    const [a, b] = offices[i % 20];
    const before = b.client.liveCount;
    const started = performance.now();
    await pushOps(a).catch(() => undefined);
    // Not seen within 10 s counts as what it waited (the p95 shows it), not as a failed run.
    await b.client.until(() => b.client.liveCount > before, 10_000).catch(() => undefined);
    samples.push(performance.now() - started);
  }
  running = false;
  void Promise.all(background);
  return samples;
}

/** The whole measurement; `root`: the repository, `log`: progress lines. */
export async function measureScale(
  root: string,
  log: (message: string) => void
): Promise<Figure[]> {
  const ctx = { root, log };
  {
    const figures: Figure[] = [];
    const peak = new Map<number, number>();
    const sample = (relays: RelayProcess[]): NodeJS.Timeout =>
      setInterval(() => {
        for (const relay of relays) {
          const pid = relay.pid();
          if (pid) peak.set(pid, Math.max(peak.get(pid) ?? 0, procStats(pid).rssMiB));
        }
      }, 250);

    // Baselines of the same run, on SQLite: relay.batchesPerSec exactly as group sync measures
    // it (tests/relay/load.ts 50 5 10 in a child process; here scale.relayBatchesPerSec), then
    // one SQLite relay with this group's 1,000 offices × 5 devices.
    const load = await relayLoadChild(ctx.root);
    ctx.log(`relay (SQLite, 50 × 5): ${load.batchesPerSecond} batches/s`);
    // The same 1,000 × 5 on one SQLite relay: 5,000 more connects (minutes on a loaded machine),
    // so only when asked (SCALE_SQLITE_SAME_LOAD=1).
    let sqliteRate: number | undefined;
    let sqliteConnectS: number | undefined;
    if (process.env.SCALE_SQLITE_SAME_LOAD === '1') {
      const sqlite = await spawnRelay({}, tempDataDir());
      try {
        const { offices, seconds } = await connectAll([sqlite], ctx.log);
        sqliteConnectS = seconds;
        ctx.log(`sqlite: ${OFFICES * DEVICES} devices connected in ${seconds.toFixed(0)} s`);
        sqliteRate = await throughput(offices);
        await Promise.all(offices.flat().map((sim) => sim.client.close()));
      } finally {
        await sqlite.stop();
      }
    }

    const cluster = await startPgCluster({ maxConnections: 100 });
    const relays: RelayProcess[] = [];
    let timer: NodeJS.Timeout | undefined;
    try {
      const databaseUrl = await cluster.createDatabase('relay_scale');
      const target = { dataDir: cluster.dataDir, databaseUrl };
      relays.push(await spawnRelay({}, target), await spawnRelay({}, target));
      timer = sample(relays);
      const { offices, seconds } = await connectAll(relays, ctx.log);
      ctx.log(
        `postgres: ${OFFICES * DEVICES} devices connected over ${relays.length} processes in ${seconds.toFixed(0)} s`
      );
      const rate = await throughput(offices);
      ctx.log(`postgres: ${rate.toFixed(0)} batches/s acknowledged over 2 processes`);
      const samples = await latency(offices);
      ctx.log(
        `scale: ${rate.toFixed(0)} batches/s over 2 processes on PostgreSQL, relay.batchesPerSec ${load.batchesPerSecond} (one SQLite relay, 50 × 5); ` +
          `edit A(process 1) → B(process 2) median ${samples.sort((x, y) => x - y)[samples.length >> 1].toFixed(1)} ms`
      );
      const rss = Math.max(...relays.map((relay) => peak.get(relay.pid() ?? 0) ?? 0));
      figures.push(
        { name: 'scale.batchesPerSec', value: Math.round(rate), unit: 'batches/s' },
        {
          // Group sync's relay.batchesPerSec, measured the same way in this run (its own name:
          // results.json keeps each group's figures apart).
          name: 'scale.relayBatchesPerSec',
          value: load.batchesPerSecond,
          unit: 'batches/s',
          note: 'relay.batchesPerSec of this run: one SQLite relay, tests/relay/load.ts 50 5 10'
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
        },
        {
          name: 'scale.connectS',
          value: Math.round(seconds),
          unit: 's',
          note: '5,000 devices connected over 2 processes on PostgreSQL, 32 hellos at a time'
        }
      );
      if (sqliteRate !== undefined)
        figures.push({
          name: 'scale.sqliteBatchesPerSec',
          value: Math.round(sqliteRate),
          unit: 'batches/s',
          note: `one SQLite relay, the same 1,000 offices × 5 devices, same run (connected in ${Math.round(sqliteConnectS ?? 0)} s)`
        });
      await Promise.all(offices.flat().map((sim) => sim.client.close()));
    } finally {
      clearInterval(timer);
      await Promise.all(relays.map((relay) => relay.stop()));
      await cluster.stop();
    }
    return figures;
  }
}

// Run as a child process by the group (bench/groups/scale.ts): thousands of simulated devices
// get an event loop of their own, as tests/relay/load.ts does for group sync. The figures are
// printed as one JSON line after a marker.
export const FIGURES_MARKER = 'SCALE-FIGURES ';
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await measureScale(process.cwd(), (message) => console.log(message));
  console.log(FIGURES_MARKER + JSON.stringify(figures));
  process.exit(0);
}
