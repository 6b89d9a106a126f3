// Simulated devices for load runs (tests/relay/load.ts, bench group scale): thousands of devices in
// one Node process, so their crypto is Node's native Ed25519/X25519/HKDF/HMAC (same standard
// algorithms and the same signed messages as the devices' pure-JS code, about 10× cheaper), and
// their connections are opened a bounded number at a time. Not a test: timings belong to benches.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  randomBytes,
  sign as nodeSign,
  type KeyObject
} from 'node:crypto';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  batchSignatureMessage,
  concatBytes,
  deviceCertificateMessage,
  encryptBatch,
  frameSignatureMessage,
  generateOfficeKey,
  newDeviceId,
  officeIdOf,
  sessionKeyInfo,
  toBase64Url,
  utf8,
  type SigningKeyPair
} from '../../src/lib/sync/crypto';
import { encodeFrame, PROTOCOL_VERSION, type ClientHeader } from '../../src/lib/sync/protocol';
import { DeviceClient, type TestDevice, type TestOffice } from './device-client';
import { randomOps } from './ops';

export interface SimDevice {
  client: DeviceClient;
  device: TestDevice;
  sign: (message: Uint8Array) => Uint8Array;
  /** The seq of this device's next op. */
  next: number;
}

interface NativeKeys {
  pair: SigningKeyPair;
  key: KeyObject;
}

// DER prefix of a raw Ed25519 private key (RFC 8410).
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');

function nativeKeyPair(): NativeKeys {
  // From a random seed, not generateKeyPairSync + export({ format: 'jwk' }): in Node 20 that
  // deadlocks when a GC run by the export collects the keygen job (its destructor locks the
  // key's mutex the export holds) — the stalled connects of bench scale (src/relay/auth.ts).
  const seed = randomBytes(32);
  const key = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8, seed]),
    format: 'der',
    type: 'pkcs8'
  });
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return {
    pair: { secretKey: new Uint8Array(seed), publicKey: new Uint8Array(spki.subarray(-32)) },
    key
  };
}

function signer(key: KeyObject): (message: Uint8Array) => Uint8Array {
  return (message) => new Uint8Array(nodeSign(null, message, key));
}

/** A native signer for a device made elsewhere (its 32-byte Ed25519 seed). */
export function nativeSigner(device: TestDevice): (message: Uint8Array) => Uint8Array {
  return signer(
    createPrivateKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        d: toBase64Url(device.signing.secretKey),
        x: toBase64Url(device.signing.publicKey)
      },
      format: 'jwk'
    })
  );
}

/** An office and its devices, keys and certificates made natively (what makeOffice/makeDevice make). */
export function nativeOffice(devices: number): { device: TestDevice; sign: SimDevice['sign'] }[] {
  const officeKeys = nativeKeyPair();
  const signOffice = signer(officeKeys.key);
  const office: TestOffice = {
    id: officeIdOf(officeKeys.pair.publicKey),
    signing: officeKeys.pair,
    key: generateOfficeKey()
  };
  return Array.from({ length: devices }, () => {
    const keys = nativeKeyPair();
    const id = newDeviceId();
    const sig = signOffice(deviceCertificateMessage(office.id, id, keys.pair.publicKey));
    const cert = { device: id, key: toBase64Url(keys.pair.publicKey), sig: toBase64Url(sig) };
    return { device: { office, id, signing: keys.pair, cert }, sign: signer(keys.key) };
  });
}

// DER prefixes of a raw X25519 key (RFC 8410).
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');

/** The device's session key (crypto/session-key.ts deviceSessionKey), natively. */
function sessionKey(device: TestDevice, relayExchangeKey: Uint8Array, nonce: Uint8Array) {
  // Ed25519 seed → X25519 secret: the first half of SHA-512(seed) (X25519 clamps it itself).
  const scalar = createHash('sha512').update(device.signing.secretKey).digest().subarray(0, 32);
  const shared = diffieHellman({
    privateKey: createPrivateKey({
      key: Buffer.concat([X25519_PKCS8, scalar]),
      format: 'der',
      type: 'pkcs8'
    }),
    publicKey: createPublicKey({
      key: Buffer.concat([X25519_SPKI, relayExchangeKey]),
      format: 'der',
      type: 'spki'
    })
  });
  return new Uint8Array(
    hkdfSync('sha256', shared, nonce, sessionKeyInfo(device.office.id, device.id), 32)
  );
}

/** Connect and say hello, signing natively (DeviceClient.connect does the same in pure JS). */
export async function connectNative(
  url: string,
  device: TestDevice,
  sign: SimDevice['sign']
): Promise<DeviceClient> {
  const client = await DeviceClient.open(url, device);
  const header: ClientHeader = {
    t: 'hello',
    n: 0,
    v: PROTOCOL_VERSION,
    office: device.office.id,
    device: device.id,
    officeKey: toBase64Url(device.office.signing.publicKey),
    cert: device.cert
  };
  const signedPart = encodeFrame(header, new Uint8Array(0)).subarray(1); // after the auth byte
  const frame = concatBytes(
    Uint8Array.of(0xa1), // auth kind: device signature
    sign(frameSignatureMessage(client.nonce, signedPart)),
    signedPart
  );
  const reply = await client.sendFrame(frame, 0);
  if (reply.header.t !== 'welcome')
    throw new Error(`hello refused: ${JSON.stringify(reply.header)}`);
  client.welcome = reply.header;
  client.sessionKey = sessionKey(device, client.exchangeKey, client.nonce);
  return client;
}

/**
 * offices × devices connected, device d of each office to urls[d mod urls.length], at most
 * `concurrency` hellos at a time (thousands at once only queue up in the relay and time out).
 */
export async function connectOffices(
  urls: string[],
  offices: number,
  devices: number,
  options: { concurrency?: number; onProgress?: (connected: number) => void } = {}
): Promise<SimDevice[][]> {
  const all = Array.from({ length: offices }, () => nativeOffice(devices));
  const jobs = all.flatMap((office, o) => office.map((entry, d) => ({ o, d, entry })));
  const result: SimDevice[][] = all.map(() => []);
  let next = 0;
  let connected = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const { o, d, entry } = jobs[next++];
      const client = await connectNative(urls[d % urls.length], entry.device, entry.sign);
      client.keepLive = false;
      result[o][d] = { client, device: entry.device, sign: entry.sign, next: 1 };
      if (++connected % 1000 === 0) options.onProgress?.(connected);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 32 }, worker));
  return result;
}

/** One batch of `ops` random ops, encrypted and signed, pushed; whether the relay acknowledged it. */
export async function pushOps(sim: SimDevice, ops = 100): Promise<boolean> {
  const first = sim.next;
  sim.next += ops;
  const meta = {
    office: sim.device.office.id,
    device: sim.device.id,
    first,
    last: first + ops - 1,
    epoch: sim.device.office.key.epoch,
    schema: 1
  };
  const body = await encryptBatch(
    sim.device.office.key,
    meta,
    utf8(JSON.stringify(randomOps(first, ops)))
  );
  const sig = toBase64Url(sim.sign(batchSignatureMessage(meta, body)));
  const { office: _office, ...wire } = meta;
  const reply = await sim.client.request({ t: 'push', batch: { ...wire, sig } }, body);
  return reply.header.t === 'ack';
}

/** A process's resident memory and CPU time so far, from /proc. */
export function procStats(pid: number | undefined): { rssMiB: number; cpuSeconds: number } {
  if (!pid) return { rssMiB: 0, cpuSeconds: 0 };
  try {
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return {
      rssMiB: Number(rss?.[1] ?? 0) / 1024,
      cpuSeconds: (Number(stat[11]) + Number(stat[12])) / 100
    };
  } catch {
    return { rssMiB: 0, cpuSeconds: 0 };
  }
}

/** Every device pushes 100-op batches, one in flight each, for `seconds`; what was acknowledged. */
export async function pushFor(
  devices: SimDevice[],
  seconds: number
): Promise<{ acked: number; errors: number; elapsed: number }> {
  let acked = 0;
  let errors = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    devices.map(async (sim) => {
      while (Date.now() < deadline) {
        // A connection the relay closed (e.g. a starved reader) stops that device, counted.
        const ok = await pushOps(sim).catch(() => undefined);
        if (ok === undefined) return void errors++;
        if (ok) acked++;
        else errors++;
      }
    })
  );
  return { acked, errors, elapsed: (Date.now() - started) / 1000 };
}

export interface LoadSummary {
  devices: number;
  seconds: number;
  batchesPerSecond: number;
  opsPerSecond: number;
  liveDeliveriesPerSecond: number;
  approxBatchBytes: number;
  errors: number;
  relayRssIdleMiB: number;
  relayRssPeakMiB: number;
  relayCpuShare: number;
  clientCpuShare: number;
}

/** The relay load run (tests/relay/load.ts): offices × devices on one relay, pushing for `seconds`. */
export async function relayLoad(
  relay: { url: string; pid(): number | undefined },
  offices: number,
  devices: number,
  seconds: number
): Promise<LoadSummary> {
  const pid = relay.pid();
  const connected = (await connectOffices([relay.url], offices, devices)).flat();
  const idle = procStats(pid);
  let peakRss = idle.rssMiB;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, procStats(pid).rssMiB)), 250);
  const cpuBefore = procStats(pid).cpuSeconds;
  const clientCpuBefore = process.cpuUsage();
  const { acked, errors, elapsed } = await pushFor(connected, seconds);
  clearInterval(sampler);
  const cpu = procStats(pid).cpuSeconds - cpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const delivered = connected.reduce((sum, { client }) => sum + client.liveCount, 0);
  await Promise.all(connected.map(({ client }) => client.close()));
  return {
    devices: connected.length,
    seconds: +elapsed.toFixed(1),
    batchesPerSecond: Math.round(acked / elapsed),
    opsPerSecond: Math.round((acked * 100) / elapsed),
    liveDeliveriesPerSecond: Math.round(delivered / elapsed),
    approxBatchBytes: 100 * 75,
    errors,
    relayRssIdleMiB: Math.round(idle.rssMiB),
    relayRssPeakMiB: Math.round(peakRss),
    relayCpuShare: +(cpu / elapsed).toFixed(2),
    clientCpuShare: +((clientCpu.user + clientCpu.system) / 1e6 / elapsed).toFixed(2)
  };
}

/**
 * `tests/relay/load.ts 50 5 10` in a child process (its own event loop, as the sync group
 * measures relay.batchesPerSec): the JSON summary it prints.
 */
export function relayLoadChild(root: string, args = ['50', '5', '10']): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/relay/load.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit']
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const json = out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1);
      if (code !== 0 || !json) return reject(new Error(`load run failed (${code})`));
      resolve(JSON.parse(json) as LoadSummary);
    });
  });
}
