import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { DEFAULT_LIMITS, RELAY_PATH, type RelayLimits } from '../lib/sync/protocol';
import { CommitQueue } from './commit-queue';
import { Hub } from './hub';
import { stderrLog, type RelayLog } from './log';
import { PairingMailboxes } from './pairing';
import { ReceiptDesk } from './receipts';
import { Session } from './session';
import { RelayStore } from './store';

export interface RelayOptions {
  port?: number; // 0 = any free port
  host?: string;
  dataDir: string;
  limits?: Partial<RelayLimits>;
  log?: RelayLog;
}

export interface RunningRelay {
  url: string; // ws://host:port/v1
  httpUrl: string;
  port: number;
  store: RelayStore;
  close(): Promise<void>;
}

const SWEEP_MS = 60_000;
const PING_MS = 30_000;

function cors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, OPTIONS');
}

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? stderrLog;
  const store = new RelayStore(options.dataDir, limits.officeQuotaBytes);
  const hub = new Hub(limits);
  const pairing = new PairingMailboxes(limits.pairingTtlSeconds * 1000);
  const commits = new CommitQueue(store, log);
  const receipts = new ReceiptDesk(store, log);
  const started = Date.now();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const blob = /^\/b\/([0-9a-f]{64})$/.exec(path);
    if (req.method === 'GET' && path === '/healthz') {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          ok: true,
          offices: store.officeCount(),
          connections: wss.clients.size,
          uptime: Math.round((Date.now() - started) / 1000)
        })
      );
    } else if (blob && req.method === 'OPTIONS') {
      cors(res);
      res.writeHead(204).end();
    } else if (blob && req.method === 'GET') {
      // Short links: an owner's phone has no device key; it fetches the ciphertext by hash and
      // decrypts it with the key in the link's fragment, which never reaches the relay.
      cors(res);
      const found = store.blob(blob[1], Date.now());
      if (!found) res.writeHead(404).end();
      else
        res
          .writeHead(200, {
            'Content-Type': 'application/octet-stream',
            'Cache-Control': 'private, max-age=3600'
          })
          .end(found.body);
    } else if (!receipts.handles(req, res, path)) {
      res.writeHead(404).end();
    }
  });

  // ws's own limit is set above ours so an oversized frame gets a 'too-large' answer, not a bare close.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 2 * (limits.maxBodyBytes + limits.maxHeaderBytes)
  });
  // `/v1` is the protocol's path; `/` too, so the bare address printed by `npm start` works.
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== RELAY_PATH && path !== '/') return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const alive = new WeakSet<object>();
  wss.on('connection', (ws, req) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    new Session(ws, { store, hub, pairing, commits, limits, log }, req.socket.remoteAddress ?? '?');
  });
  wss.on('error', (error) => log('error', 'server-error', { reason: error.message }));

  const timers = [
    setInterval(
      () => {
        const now = Date.now();
        pairing.sweep(now);
        const purged = store.purgeExpiredBlobs(now);
        if (purged) log('info', 'blobs-expired', { count: purged });
      },
      Math.min(SWEEP_MS, limits.pairingTtlSeconds * 1000)
    ),
    setInterval(() => {
      // Tablets sleep without closing their socket; a missed pong frees the slot.
      for (const ws of wss.clients) {
        if (!alive.has(ws)) ws.terminate();
        else {
          alive.delete(ws);
          ws.ping();
        }
      }
    }, PING_MS)
  ];
  for (const timer of timers) timer.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  log('info', 'listening', { port, host: options.host ?? '127.0.0.1', dataDir: options.dataDir });

  return {
    url: `ws://${host}:${port}${RELAY_PATH}`,
    httpUrl: `http://${host}:${port}`,
    port,
    store,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    }
  };
}
