// Many offices (issue 21): 1,000 simulated offices × 5 devices over 2 relay processes on one
// PostgreSQL (a throw-away cluster on loopback), beside SQLite baselines of the same run. The
// devices are Node clients speaking the protocol (tests/relay/load-client.ts, shared with
// tests/relay/load.ts: native crypto, 32 hellos at a time), all in this (child) process: on the
// 2-core machine they share the cores with the relays and PostgreSQL.
//  - scale.batchesPerSec: every device pushes 100-op batches (one in flight) for THROUGHPUT_S;
//    scale.relayBatchesPerSec: group sync's relay.batchesPerSec (one SQLite relay, 50 × 5) in
//    this run; scale.sqliteBatchesPerSec: the same 1,000 × 5 on one SQLite relay, only with
//    SCALE_SQLITE_SAME_LOAD=1;
//  - scale.relayP95Ms (and P50): an edit (one op) between two devices of one office on different
//    processes (push sent → live batch received), while every other device keeps editing at a
//    busy desk's pace (a 10-op batch a minute: ~80 batches/s over the 1,000 offices);
//    scale.relayCpuMsPerEdit: the two relays' own CPU time over that phase per batch they took
//    (what an edit costs them, apart from waiting for a core on a loaded machine);
//  - scale.rssMbPerProcess: the larger relay process's peak RSS over the whole run;
//  - scale.loadAvg*: the machine's 1-minute load average at the end of each phase (the machine
//    is shared: the figures mean little without it).
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
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Figure } from '../types.ts';

const OFFICES = 1000;
const DEVICES = 5;
const THROUGHPUT_S = 10;
const PROBES = 200;
/** Background edits while latency is probed: each device one batch of PACE_OPS per PACE_S. */
const PACE_S = 60;
const PACE_OPS = 10;

/**
 * A process's main thread (the event loop) from /proc/<pid>/schedstat: seconds on a CPU and
 * seconds runnable but waiting for one — the second is what a loaded machine adds.
 */
function schedstat(pid: number | undefined): { cpu: number; wait: number } {
  try {
    const [cpu, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { cpu: cpu / 1e9, wait: wait / 1e9 };
  } catch {
    return { cpu: 0, wait: 0 };
  }
}

/** The 1-minute load average, one decimal. */
const load1 = (): number => Math.round(loadavg()[0] * 10) / 10;

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

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
  return Math.round(at * 10) / 10;
}

/**
 * Edit on device 0 (relay 1) → live on device 1 (relay 2), with the desks' pace around it;
 * the batches the relays took meanwhile (probes and background) and how many probes missed.
 */
async function latency(
  offices: SimDevice[][]
): Promise<{ samples: number[]; batches: number; missed: number }> {
  let running = true;
  let batches = 0;
  const sleeping = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => (clearTimeout(timer), sleeping.delete(wake), resolve());
      const timer = setTimeout(wake, ms);
      sleeping.add(wake);
    });
  const background = offices.slice(20).flatMap((office) =>
    office.map(async (sim) => {
      // Spread over the pace, then one batch per PACE_S.
      await pause(Math.random() * PACE_S * 1000);
      while (running) {
        // A connection closed under load ends this device's edits, not the run.
        const ok = await pushOps(sim, PACE_OPS).catch(() => undefined);
        if (ok === undefined) return;
        if (ok) batches++;
        await pause(PACE_S * 1000);
      }
    })
  );
  // The background reaches its pace before the first probe.
  await pause(5_000);
  const samples: number[] = [];
  let missed = 0;
  for (let i = 0; i < PROBES; i++) {
    const [a, b] = offices[i % 20];
    const before = b.client.liveCount;
    const started = performance.now();
    if (await pushOps(a, 1).catch(() => false)) batches++;
    // Not seen within 10 s counts as what it waited (the p95 shows it), not as a failed run.
    const seen = await b.client
      .until(() => b.client.liveCount > before, 10_000)
      .then(() => true)
      .catch(() => false);
    if (!seen) missed++;
    samples.push(performance.now() - started);
  }
  running = false;
  for (const wake of sleeping) wake();
  await Promise.all(background);
  return { samples, batches, missed };
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
    const loadAtBaseline = load1();
    ctx.log(`relay (SQLite, 50 × 5): ${load.batchesPerSecond} batches/s (load ${loadAtBaseline})`);
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
      const loadAtConnect = load1();
      ctx.log(
        `postgres: ${OFFICES * DEVICES} devices connected over ${relays.length} processes in ${seconds.toFixed(0)} s (load ${loadAtConnect})`
      );
      const rate = await throughput(offices);
      const loadAtThroughput = load1();
      ctx.log(
        `postgres: ${rate.toFixed(0)} batches/s acknowledged over 2 processes (load ${loadAtThroughput})`
      );
      const relayCpu = () =>
        relays.reduce((sum, relay) => sum + procStats(relay.pid()).cpuSeconds, 0);
      const cpuBefore = relayCpu();
      const relayLoops = () =>
        relays
          .map((relay) => schedstat(relay.pid()))
          .reduce((a, b) => ({ cpu: a.cpu + b.cpu, wait: a.wait + b.wait }));
      const loopsBefore = relayLoops();
      const clientBefore = schedstat(process.pid);
      const { samples, batches, missed } = await latency(offices);
      const cpuMsPerEdit = ((relayCpu() - cpuBefore) * 1000) / Math.max(1, batches);
      const loopsAfter = relayLoops();
      const clientAfter = schedstat(process.pid);
      const waitMsPerEdit = ((loopsAfter.wait - loopsBefore.wait) * 1000) / Math.max(1, batches);
      const loopCpuMsPerEdit = ((loopsAfter.cpu - loopsBefore.cpu) * 1000) / Math.max(1, batches);
      const clientWaitS = clientAfter.wait - clientBefore.wait;
      const clientCpuS = clientAfter.cpu - clientBefore.cpu;
      const loadAtLatency = load1();
      const p50 = quantile(samples, 0.5);
      const p95 = quantile(samples, 0.95);
      ctx.log(
        `scale: ${rate.toFixed(0)} batches/s over 2 processes on PostgreSQL, relay.batchesPerSec ${load.batchesPerSecond} (one SQLite relay, 50 × 5); ` +
          `edit A(process 1) → B(process 2) p50 ${p50} ms, p95 ${p95} ms (${missed} of ${PROBES} not seen in 10 s), ` +
          `relays' CPU ${cpuMsPerEdit.toFixed(2)} ms per batch (${batches} batches), load ${loadAtLatency}`
      );
      ctx.log(
        `latency phase, main threads (/proc/<pid>/schedstat): relays on a CPU ${loopCpuMsPerEdit.toFixed(2)} ms per batch, ` +
          `runnable but waiting for a CPU ${waitMsPerEdit.toFixed(2)} ms per batch; ` +
          `simulated devices' process on a CPU ${clientCpuS.toFixed(1)} s, waiting ${clientWaitS.toFixed(1)} s`
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
          value: p95,
          unit: 'ms',
          target: { op: '<=', value: 100 },
          note: `${PROBES} one-op edits, process 1 → 2, other devices ${PACE_OPS} ops/${PACE_S} s each; load ${loadAtLatency}`
        },
        { name: 'scale.relayP50Ms', value: p50, unit: 'ms' },
        {
          name: 'scale.relayCpuMsPerEdit',
          value: Math.round(cpuMsPerEdit * 100) / 100,
          unit: 'ms',
          note: `both relays' CPU over the latency phase / ${batches} batches taken`
        },
        {
          name: 'scale.relayWaitMsPerEdit',
          value: Math.round(waitMsPerEdit * 100) / 100,
          unit: 'ms',
          note: `the relays' main threads runnable but waiting for a CPU over the latency phase / ${batches} batches (on a CPU: ${loopCpuMsPerEdit.toFixed(2)} ms)`
        },
        {
          name: 'scale.clientWaitShare',
          value: Math.round((clientWaitS / Math.max(1e-9, clientWaitS + clientCpuS)) * 100) / 100,
          unit: 'share',
          note: "the simulated devices' main thread: time waiting for a CPU / (waiting + on a CPU), latency phase"
        },
        { name: 'scale.loadAvgBaseline', value: loadAtBaseline, unit: 'load' },
        { name: 'scale.loadAvgConnect', value: loadAtConnect, unit: 'load' },
        { name: 'scale.loadAvgThroughput', value: loadAtThroughput, unit: 'load' },
        { name: 'scale.loadAvgLatency', value: loadAtLatency, unit: 'load' },
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
