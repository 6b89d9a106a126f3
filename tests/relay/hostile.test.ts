import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { randomBytes, toBase64Url, utf8 } from '../../src/lib/sync/crypto';
import { DeviceClient, makeBatch, makeDevice, makeOffice } from './device-client';
import { randomOps } from './ops';
import { spawnRelay, storeCounts, type RelayProcess } from './relay-process';

// Regressions of issue 13 ("Hostile input") against a real relay process: each message below
// used to end the process. Every refusal is answered, logged with a reason, and stores nothing.
let relay: RelayProcess;
beforeAll(async () => {
  relay = await spawnRelay({
    RELAY_HELLO_TIMEOUT_MS: '400',
    RELAY_MAX_CONNECTIONS_PER_ADDRESS: '5',
    RELAY_MAX_PAIRINGS_PER_ADDRESS: '2',
    RELAY_MAX_OFFICES_PER_ADDRESS_PER_HOUR: '2',
    RELAY_UNAUTH_RATE_PER_SECOND: '5',
    RELAY_UNAUTH_BURST: '20',
    RELAY_PAIRING_TTL_SECONDS: '2'
  });
});
afterAll(() => relay?.stop());

/** Header length as the frame writes it (unsigned LEB128), then the header. */
function lengthPrefixed(json: string): Uint8Array {
  const header = utf8(json);
  const length: number[] = [];
  for (let n = header.length; ; n = Math.floor(n / 0x80)) {
    if (n < 0x80) {
      length.push(n);
      break;
    }
    length.push((n % 0x80) | 0x80);
  }
  return Uint8Array.from([...length, ...header]);
}

/** A JSON header in a frame with no authentication (kind 0xa0), as an attacker would write it. */
function rawFrame(json: string): Uint8Array {
  return Uint8Array.from([0xa0, ...lengthPrefixed(json)]);
}

/** A JSON header written by hand, with the connection's session MAC (a signed-in device's frame). */
function macFrame(
  client: DeviceClient,
  json: (n: number) => string
): { frame: Uint8Array; n: number } {
  const n = ++client.counter;
  const signedPart = lengthPrefixed(json(n));
  const mac = createHmac('sha256', client.sessionKey!).update(signedPart).digest().subarray(0, 16);
  return { frame: Uint8Array.from([0xa2, ...mac, ...signedPart]), n };
}

/** The relay still serves: a fresh office syncs a batch (from a loopback address of its own). */
let honest = 0;
async function relayServes(): Promise<void> {
  const office = makeOffice();
  const device = makeDevice(office);
  const client = await DeviceClient.connect(relay.url, device, { from: `127.0.1.${++honest}` });
  const { batch, body } = await makeBatch(device, randomOps(1, 5));
  expect((await client.request({ t: 'push', batch }, body)).header).toMatchObject({ t: 'ack' });
  await client.close();
}

describe('one message cannot end the relay', () => {
  it('the 41-byte hello with v:{"toString":1}, and v:[{"toString":1}], is refused as malformed', async () => {
    for (const v of ['{"toString":1}', '[{"toString":1}]', '{"valueOf":{}}']) {
      const frame = rawFrame(`{"t":"hello","n":0,"v":${v}}`);
      const client = await DeviceClient.open(relay.url, undefined, '127.0.0.3');
      const error = await client.sendRaw(frame);
      expect(error).toMatchObject({ code: 'malformed', re: 0 });
      expect(error.message).toMatch(/protocol version (an array|a object) not supported/);
      await client.close();
    }
    await relay.waitForLog(
      (l) => l.event === 'reject' && /protocol version a/.test(String(l.reason))
    );
    await relayServes();
  });

  it('signal data nested 10,000 levels is refused before it is re-encoded', async () => {
    const office = makeOffice();
    const [a, b] = [makeDevice(office), makeDevice(office)];
    const clientA = await DeviceClient.connect(relay.url, a, { from: '127.0.0.4' });
    const clientB = await DeviceClient.connect(relay.url, b, { from: '127.0.0.4' });
    const deep = '['.repeat(10_000) + '1' + ']'.repeat(10_000); // ~20 KB, under the header limit
    const { frame, n } = macFrame(
      clientA,
      (n) => `{"t":"signal","n":${n},"to":"${b.id}","data":${deep}}`
    );
    const reply = await clientA.sendFrame(frame, n);
    expect(reply.header).toMatchObject({ t: 'error', code: 'malformed' });
    expect(reply.header.t === 'error' && reply.header.message).toMatch(/nested deeper/);
    // Shallow signalling still passes.
    const ok = await clientA.request({ t: 'signal', to: b.id, data: { sdp: 'offer', ice: [[1]] } });
    expect(ok.header).toMatchObject({ t: 'ok' });
    await clientB.until(() => clientB.signals.length === 1);
    await Promise.all([clientA.close(), clientB.close()]);
    await relayServes();
  });

  it('deep nesting anywhere in a header, and headers of every wrong type, are answered', async () => {
    const client = await DeviceClient.open(relay.url, undefined, '127.0.0.5');
    for (const json of [
      '['.repeat(30_000) + ']'.repeat(30_000),
      '{"t":"pull","n":1,"vector":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}',
      'null',
      '"hello"',
      '{"t":{"toString":1},"n":{"valueOf":1}}',
      '{"t":"hello","n":0,"v":2,"office":{"toString":1}}',
      '{"__proto__":{"t":"hello"},"n":1}'
    ]) {
      const error = await client.sendRaw(rawFrame(json));
      expect(error.code).toBe('malformed');
    }
    await client.close();
    await relayServes();
  });
});

describe('guards', () => {
  it('a socket that never says hello is closed after the hello deadline, with a logged reason', async () => {
    const client = await DeviceClient.open(relay.url, undefined, '127.0.0.6');
    expect((await client.closed).code).toBe(1008);
    await relay.waitForLog((l) => l.event === 'reject' && l.code === 'hello-timeout');
  });

  it('connections per address are capped; other addresses are not affected', async () => {
    const from = '127.0.0.7';
    const open = Array.from({ length: 5 }, () => DeviceClient.open(relay.url, undefined, from));
    const clients = await Promise.all(open);
    const refused = new WebSocket(relay.url, { localAddress: from });
    const status = await new Promise<number | undefined>((resolve) =>
      refused.once('unexpected-response', (_req, res) => resolve(res.statusCode))
    );
    expect(status).toBe(503);
    await relay.waitForLog((l) => l.code === 'too-many-connections' && l.remote === from);
    await relayServes();
    await Promise.all(clients.map((c) => c.close()));
  });

  it('pairing mailboxes per address are capped; a genuine pairing from elsewhere succeeds', async () => {
    const flood = await DeviceClient.open(relay.url, undefined, '127.0.0.8');
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const pairing = toBase64Url(randomBytes(16));
      answers.push((await flood.request({ t: 'pair-open', pairing, role: 'host' })).header);
    }
    expect(answers.map((a) => (a.t === 'error' ? a.code : a.t))).toEqual([
      'ok',
      'ok',
      'rate-limited',
      'rate-limited'
    ]);
    const pairing = toBase64Url(randomBytes(16));
    const host = await DeviceClient.open(relay.url, undefined, '127.0.0.10');
    const guest = await DeviceClient.open(relay.url, undefined, '127.0.0.11');
    expect((await host.request({ t: 'pair-open', pairing, role: 'host' })).header.t).toBe('ok');
    expect((await guest.request({ t: 'pair-open', pairing, role: 'guest' })).header.t).toBe('ok');
    await guest.request({ t: 'pair-send', pairing, role: 'guest' }, utf8('sealed request'));
    await host.until(() => host.pairing.length === 1);
    await Promise.all([flood.close(), host.close(), guest.close()]);
  });

  it('new offices per address and hour are capped, and nothing of a refused one is stored', async () => {
    const from = '127.0.0.12';
    const before = (await storeCounts(relay)).offices;
    const replies = [];
    for (let i = 0; i < 3; i++) {
      const client = await DeviceClient.open(relay.url, makeDevice(makeOffice()), from);
      replies.push((await client.hello()).header);
      await client.close();
    }
    expect(replies.map((r) => (r.t === 'error' ? r.code : r.t))).toEqual([
      'welcome',
      'welcome',
      'rate-limited'
    ]);
    expect((await storeCounts(relay)).offices).toBe(before + 2);
  });

  it('messages before hello are rate-limited per address, refusals included; a flood is closed', async () => {
    const client = await DeviceClient.open(relay.url, undefined, '127.0.0.13');
    const junk = rawFrame('{"t":"nonsense","n":1}');
    for (let i = 0; i < 2000 && client.ws.readyState === WebSocket.OPEN; i++) client.ws.send(junk);
    const { code } = await client.closed;
    expect(code).toBe(1008);
    expect(client.errors.length).toBeLessThanOrEqual(21); // the burst, then one rate-limited
    expect(client.errors.at(-1)).toMatchObject({ code: 'rate-limited' });
    await relayServes();
  });
});
