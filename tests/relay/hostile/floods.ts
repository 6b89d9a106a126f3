import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, toBase64Url, utf8 } from '../../../src/lib/sync/crypto';
import { DEFAULT_GUARDS } from '../../../src/relay/limits';
import { DeviceClient, makeBatch, makeDevice, makeOffice, type TestDevice } from '../device-client';
import { randomOps } from '../ops';
import { spawnRelay, type RelayProcess } from '../relay-process';
import type { FloodKind } from './flood-worker';

/**
 * Bounded loopback floods (issue 13 "Must show"): an attacker process floods the relay while an
 * honest office (two devices, from 127.0.0.1) keeps editing and a genuine pairing runs. What
 * is measured: the relay's peak RSS, whether every honest edit reached the other device (and
 * how long it took, for the bench), whether the pairing succeeded.
 */
export const FLOODS: FloodKind[] = ['slow-reader', 'pairing', 'idle', 'malformed'];

/** The relay as deployed: production guards (the suites' relaxed ones are for their own load). */
export function spawnGuardedRelay(env: Record<string, string> = {}): Promise<RelayProcess> {
  return spawnRelay({
    RELAY_MAX_OFFICES_PER_ADDRESS_PER_HOUR: String(DEFAULT_GUARDS.maxOfficesPerAddressPerHour),
    RELAY_MAX_DEVICES_PER_ADDRESS_PER_HOUR: String(DEFAULT_GUARDS.maxDevicesPerAddressPerHour),
    RELAY_UNAUTH_RATE_PER_SECOND: String(DEFAULT_GUARDS.unauthRatePerSecond),
    RELAY_UNAUTH_BURST: String(DEFAULT_GUARDS.unauthBurst),
    RELAY_MAX_CONNECTIONS_PER_ADDRESS: String(DEFAULT_GUARDS.maxConnectionsPerAddress),
    ...env
  });
}

export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

export interface FloodResult {
  kind: FloodKind;
  rssBeforeMb: number;
  rssPeakMb: number;
  edits: number;
  delivered: number;
  latenciesMs: number[];
  pairingOk: boolean;
  /** Edits of A the relay holds for B after the flood (= edits: the office kept syncing). */
  synced: number;
  /** What the honest devices were refused (nothing, if the guards only hit the attacker). */
  honestErrors: string[];
  attacker: Record<string, unknown>;
}

class HonestOffice {
  private next = 1;
  private constructor(
    readonly a: DeviceClient,
    readonly b: DeviceClient,
    readonly device: TestDevice
  ) {}

  static async open(url: string): Promise<HonestOffice> {
    const office = makeOffice();
    const [da, db] = [makeDevice(office), makeDevice(office)];
    const a = await DeviceClient.connect(url, da, { from: '127.0.0.1' });
    const b = await DeviceClient.connect(url, db, { from: '127.0.0.1' });
    b.keepLive = false;
    return new HonestOffice(a, b, da);
  }

  /** One edit of A; resolves with the ms until B got it live, or undefined if it never came. */
  async edit(): Promise<number | undefined> {
    const first = this.next;
    this.next += 1;
    const { batch, body } = await makeBatch(this.device, randomOps(first, 1));
    const seen = this.b.liveCount;
    const started = performance.now();
    const acked = this.a.request({ t: 'push', batch }, body);
    try {
      await this.b.until(() => this.b.liveCount > seen, 10_000);
      return performance.now() - started;
    } catch {
      return undefined;
    } finally {
      await acked; // committed: a catch-up after the flood finds it
    }
  }

  close(): Promise<unknown> {
    return Promise.all([this.a.close(), this.b.close()]);
  }
}

/** A pairing as the app does it: host opens, guest opens and sends, host gets it. */
async function genuinePairing(url: string): Promise<boolean> {
  const pairing = toBase64Url(randomBytes(16));
  const host = await DeviceClient.open(url, undefined, '127.0.0.2');
  const guest = await DeviceClient.open(url, undefined, '127.0.0.3');
  try {
    const opened = await host.request({ t: 'pair-open', pairing, role: 'host' });
    const joined = await guest.request({ t: 'pair-open', pairing, role: 'guest' });
    const sent = await guest.request({ t: 'pair-send', pairing, role: 'guest' }, utf8('sealed'));
    if (opened.header.t !== 'ok' || joined.header.t !== 'ok' || sent.header.t !== 'ok')
      return false;
    await host.until(() => host.pairing.length === 1, 10_000);
    return true;
  } catch {
    return false;
  } finally {
    await Promise.all([host.close(), guest.close()]);
  }
}

/** One flood of `seconds` against `relay`, with the honest office editing every `editEveryMs`. */
export async function runFlood(
  relay: RelayProcess,
  kind: FloodKind,
  seconds: number,
  editEveryMs = 100
): Promise<FloodResult> {
  const pid = relay.pid();
  if (pid === undefined) throw new Error('relay not running');
  const honest = await HonestOffice.open(relay.url);
  const rssBeforeMb = rssMb(pid);
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(pid))), 50);
  const worker = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'flood-worker.ts'),
      kind,
      relay.url,
      String(seconds)
    ],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] }
  );
  let output = '';
  worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const finished = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let running = true;
  void finished.then(() => (running = false));

  const latenciesMs: number[] = [];
  let edits = 0;
  let pairingOk = false;
  const pairingDone = (async () => {
    await new Promise((r) => setTimeout(r, (seconds * 1000) / 2));
    pairingOk = await genuinePairing(relay.url);
  })();
  while (running) {
    edits++;
    const latency = await honest.edit();
    if (latency !== undefined) latenciesMs.push(latency);

    await new Promise((r) => setTimeout(r, editEveryMs));
  }
  await pairingDone;
  await finished;
  clearInterval(sampler);
  rssPeakMb = Math.max(rssPeakMb, rssMb(pid));
  // Whatever was not seen live is there for B's next catch-up: the office stays in sync.
  const pulled = await honest.b.pull({});
  const synced =
    pulled.done.header.t === 'pulled' ? (pulled.done.header.vector[honest.device.id] ?? 0) : 0;
  const honestErrors = [...honest.a.errors, ...honest.b.errors].map(
    (e) => `${e.code}: ${e.message}`
  );
  await honest.close();
  let attacker: Record<string, unknown> = {};
  try {
    attacker = JSON.parse(output.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
  } catch {
    attacker = { output };
  }
  return {
    kind,
    rssBeforeMb,
    rssPeakMb,
    edits,
    delivered: latenciesMs.length,
    latenciesMs,
    pairingOk,
    synced,
    honestErrors,
    attacker
  };
}
