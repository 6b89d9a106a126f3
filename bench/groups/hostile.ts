// Hostile input (issue 13): the relay against 100k+ fuzzed frames and four bounded floods on
// loopback (slow reader, pairing-mailbox flood, 5,000 idle sockets, malformed frames), each
// while an honest office edits and a genuine pairing runs. The code is the relay tests' own
// (tests/relay/hostile/); those tests send fewer frames and assert no timings.
import { DeviceClient, makeDevice, makeOffice } from '../../tests/relay/device-client.ts';
import { fuzzRelay } from '../../tests/relay/hostile/fuzz.ts';
import { FLOODS, runFlood, spawnGuardedRelay } from '../../tests/relay/hostile/floods.ts';
import { spawnRelay } from '../../tests/relay/relay-process.ts';
import { round } from '../lib/stats.ts';
import type { BenchGroup, Figure } from '../types.ts';

const FUZZ_FRAMES = 100_000;
const FLOOD_SECONDS = 10;

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN;
}

export default {
  name: 'hostile',
  async run(ctx) {
    const figures: Figure[] = [];

    // Fuzz: a relay with its rate limits out of the way, so every frame reaches the parser.
    const fuzzed = await spawnRelay({
      RELAY_RATE_PER_SECOND: '1000000',
      RELAY_RATE_BURST: '1000000'
    });
    try {
      const device = makeDevice(makeOffice());
      await (await DeviceClient.connect(fuzzed.url, device)).close();
      const started = Date.now();
      const result = await fuzzRelay({
        url: fuzzed.url,
        count: FUZZ_FRAMES,
        seed: Date.now() % 100_000,
        lanes: 8,
        device
      });
      const alive = await DeviceClient.connect(fuzzed.url, device)
        .then(async (probe) => (await probe.close(), probe.welcome !== undefined))
        .catch(() => false);
      const crashes = fuzzed.logs.filter(
        (l) => l.event === 'uncaught' || l.event === 'session-error'
      );
      const rejects = fuzzed.logs.filter((l) => l.event === 'reject').length;
      const suppressed = fuzzed.logs
        .filter((l) => l.event === 'reject-suppressed')
        .reduce((sum, l) => sum + Number(l.count ?? 0), 0);
      ctx.log(
        `fuzz: ${result.frames} frames in ${((Date.now() - started) / 1000).toFixed(0)} s, ` +
          `${result.refusals} refusals answered (${rejects} logged in full, ${suppressed} counted), ` +
          `${result.closed} connections closed by the relay; codes ${JSON.stringify(result.codes)}`
      );
      figures.push(
        {
          name: 'relay.fuzzFrames',
          value: result.frames,
          unit: 'frames',
          target: { op: '>=', value: 100_000 }
        },
        {
          name: 'relay.fuzzExits',
          value: (alive ? 0 : 1) + crashes.length,
          unit: 'exits',
          target: { op: '<=', value: 0 },
          note: 'relay not answering after the fuzz, plus exceptions logged by sessions'
        }
      );
    } finally {
      await fuzzed.stop();
    }

    // Floods: one relay with its production guards, one flood after the other.
    const relay = await spawnGuardedRelay();
    let worstRss = 0;
    const latencies: number[] = [];
    let baseline: number[] = [];
    try {
      // The honest office alone first: on a shared machine its latency is not the relay's alone.
      baseline = (await runFlood(relay, 'none', FLOOD_SECONDS)).latenciesMs;
      ctx.log(`no flood: honest edits p95 ${round(p95(baseline))} ms`);
      for (const kind of FLOODS) {
        const result = await runFlood(relay, kind, FLOOD_SECONDS);
        worstRss = Math.max(worstRss, result.rssPeakMb);
        latencies.push(...result.latenciesMs);
        ctx.log(
          `flood ${kind}: RSS ${round(result.rssBeforeMb)} → peak ${round(result.rssPeakMb)} MB; ` +
            `honest edits ${result.delivered}/${result.edits} live (p95 ${round(p95(result.latenciesMs))} ms), ` +
            `${result.synced} synced; pairing ${result.pairingOk ? 'ok' : 'FAILED'}; attacker ${JSON.stringify(result.attacker)}`
        );
        figures.push({
          name: `relay.flood.${kind}.honestP95Ms`,
          value: round(p95(result.latenciesMs)),
          unit: 'ms'
        });
      }
    } finally {
      await relay.stop();
    }
    figures.push(
      {
        name: 'relay.floodRssMb',
        value: round(worstRss),
        unit: 'MB',
        target: { op: '<=', value: 300 }
      },
      {
        name: 'relay.floodHonestP95Ms',
        value: round(p95(latencies)),
        unit: 'ms',
        target: { op: '<=', value: 100 }
      },
      {
        name: 'relay.floodHonestBaselineP95Ms',
        value: round(p95(baseline)),
        unit: 'ms',
        note: 'the same honest edits with no flood, same run (machine load)'
      }
    );
    return figures;
  }
} satisfies BenchGroup;
