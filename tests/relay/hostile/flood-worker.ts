// An attacker, in its own process (so its work does not slow the honest office being measured):
// `tsx tests/relay/hostile/flood-worker.ts <kind> <relay url> <seconds>`. Prints one JSON line of
// what it did on stdout when done. Addresses 127.0.0.50–127.0.0.99 are the attacker's.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { randomBytes, toBase64Url, utf8 } from '../../../src/lib/sync/crypto';
import { encodeFrame } from '../../../src/lib/sync/protocol';
import { DeviceClient, makeDevice, makeOffice } from '../device-client';

/** `none`: no attack (the same run's baseline of the honest office's latency). */
export type FloodKind = 'none' | 'slow-reader' | 'pairing' | 'idle' | 'malformed';

const [kind, url, secondsText] = process.argv.slice(2) as [FloodKind, string, string];
const until = Date.now() + Number(secondsText) * 1000;
const address = (i: number): string => `127.0.0.${50 + (i % 50)}`;
const stats = { connections: 0, refusedConnections: 0, sent: 0, closedByRelay: 0 };

function open(from: string): Promise<WebSocket | undefined> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress: from });
    ws.once('open', () => {
      stats.connections++;
      resolve(ws);
    });
    ws.once('unexpected-response', () => {
      stats.refusedConnections++;
      resolve(undefined);
    });
    ws.once('error', () => resolve(undefined));
    ws.once('close', () => stats.closedByRelay++);
  });
}

/** Sends frames as fast as the socket takes them, reconnecting when the relay closes it. */
async function pipeline(from: string, frames: (i: number) => Uint8Array): Promise<void> {
  let i = 0;
  while (Date.now() < until) {
    const ws = await open(from);
    if (!ws) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    while (ws.readyState === WebSocket.OPEN && Date.now() < until) {
      if (ws.bufferedAmount > 1 << 20) await new Promise((r) => setTimeout(r, 5));
      else {
        ws.send(frames(i++));
        stats.sent++;
        if (i % 64 === 0) await new Promise((r) => setImmediate(r));
      }
    }
    ws.terminate();
  }
}

async function slowReader(): Promise<void> {
  // An office of its own (anyone can make one), a 1 MiB short-link blob, then connections that
  // ask for it again and again and never read the answers.
  const office = makeOffice();
  const uploader = await DeviceClient.connect(url, makeDevice(office), { from: address(0) });
  const stored = await uploader.request({ t: 'blob-put', ttl: 3600 }, nodeRandomBytes(1024 * 1024));
  if (stored.header.t !== 'blob-stored') throw new Error('blob not stored');
  const hash = stored.header.hash;
  await uploader.close();
  const lanes = Array.from({ length: 16 }, async (_, lane) => {
    while (Date.now() < until) {
      const client = await DeviceClient.connect(url, makeDevice(office), {
        from: address(lane % 2)
      });
      stats.connections++;
      client.ws.pause(); // never read again
      while (client.ws.readyState === WebSocket.OPEN && Date.now() < until) {
        client.ws.send(client.frame({ t: 'blob-get', hash }));
        stats.sent++;
        await new Promise((r) => setTimeout(r, 5));
      }
      client.ws.terminate();
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  await Promise.all(lanes);
}

async function pairing(): Promise<void> {
  // 300 mailboxes × 32 messages × 64 KiB from each of 10 addresses (no login needed).
  const body = randomBytes(64 * 1024 - 64);
  await Promise.all(
    Array.from({ length: 10 }, (_, lane) => {
      let box = toBase64Url(randomBytes(16));
      return pipeline(address(lane), (i) => {
        if (i % 32 === 0) box = toBase64Url(randomBytes(16));
        return encodeFrame({ t: 'pair-send', n: i + 1, pairing: box, role: 'host' }, body);
      });
    })
  );
}

async function idle(): Promise<void> {
  // 5,000 sockets that never say hello, from 50 addresses (100 each: the default cap).
  const sockets: WebSocket[] = [];
  for (let i = 0; i < 5000; i += 100) {
    const batch = await Promise.all(Array.from({ length: 100 }, (_, j) => open(address(i + j))));
    for (const ws of batch) if (ws) sockets.push(ws);
  }
  while (Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  for (const ws of sockets) ws.terminate();
}

async function malformed(): Promise<void> {
  const junk = [
    utf8('not a frame at all'),
    Uint8Array.of(0xa0, 38, ...utf8('{"t":"hello","n":0,"v":{"toString":1}}')),
    Uint8Array.of(0xa0, 5, ...utf8('[[[[[')),
    Uint8Array.of(0xa2, 1, 2, 3)
  ];
  await Promise.all(
    Array.from({ length: 20 }, (_, lane) => pipeline(address(lane), (i) => junk[i % junk.length]))
  );
}

async function none(): Promise<void> {
  while (Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

const run = { none, 'slow-reader': slowReader, pairing, idle, malformed }[kind];
await run();
process.stdout.write(JSON.stringify({ kind, ...stats }) + '\n');
process.exit(0);
