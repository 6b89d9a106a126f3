import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { DEFAULT_LIMITS, RELAY_PATH, type RelayLimits } from '../lib/sync/protocol';
import { CommitQueue } from './commit-queue';
import { Hub } from './hub';
import { AddressBook, DEFAULT_GUARDS, StorageMeter, type RelayGuards } from './limits';
import { RejectLog, stderrLog, type RelayLog } from './log';
import { PgBus } from './bus';
import { PairingMailboxes, type PairingService } from './pairing';
import { PgStore } from './store-postgres';
import { toBase64Url } from '../lib/sync/crypto/bytes';
import { encodeFrame } from '../lib/sync/protocol';
import { DEFAULT_INBOX_LIMITS, OwnerInboxDesk, type InboxLimits } from './owner-inbox';
import { ReceiptDesk } from './receipts';
import { Session } from './session';
import { openStore, type RelayStore } from './store';

export interface RelayOptions {
  port?: number; // 0 = any free port
  host?: string;
  dataDir: string;
  /** postgres://… : the store is PostgreSQL (several relay processes may share it), not dataDir. */
  databaseUrl?: string;
  limits?: Partial<RelayLimits>;
  /** Caps against hostile input (limits.ts, README "Hostile input"). */
  guards?: Partial<RelayGuards>;
  /** The owner inbox's limits (owner-inbox.ts); the benchmarks raise the rates. */
  inboxLimits?: Partial<InboxLimits>;
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

/** The client's address; behind the TLS proxy (a loopback peer), the one it forwards. */
export function remoteAddress(req: IncomingMessage): string {
  const direct = req.socket.remoteAddress ?? '?';
  const forwarded = req.headers['x-forwarded-for'];
  const loopback = direct === '127.0.0.1' || direct === '::1' || direct === '::ffff:127.0.0.1';
  if (!loopback || typeof forwarded !== 'string') return direct;
  return forwarded.split(',').pop()?.trim().slice(0, 64) || direct;
}

function tokenMatches(req: IncomingMessage, token: string): boolean {
  if (!token) return false;
  const given = Buffer.from(req.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function cors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, OPTIONS');
}

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const guards: RelayGuards = { ...DEFAULT_GUARDS, ...options.guards };
  const log = options.log ?? stderrLog;
  const rejects = new RejectLog(log, guards.logRejectsPerMinute);
  const store = await openStore({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    quotaBytes: limits.officeQuotaBytes
  });
  const storage = new StorageMeter(() => store.totalBytes(), guards.maxStoredBytes);
  await storage.refresh();
  const hub = new Hub(limits);
  const addresses = new AddressBook(guards);
  // On PostgreSQL, several relay processes may serve one office: they tell each other (bus.ts).
  const shared = store instanceof PgStore ? store : undefined;
  const bus =
    shared &&
    new PgBus(shared, log, limits.pairingTtlSeconds * 1000, addresses, guards.maxPairingBytes);
  const pairing: PairingService =
    bus?.pairings ??
    new PairingMailboxes(limits.pairingTtlSeconds * 1000, addresses, guards.maxPairingBytes);
  if (bus && shared) {
    // A batch another process committed: read once, passed on to this process's devices of the
    // office, in commit order per office.
    const chains = new Map<string, Promise<void>>();
    const passOn = async (office: string, device: string, last: number): Promise<void> => {
      if (hub.peers(office).size === 0) return;
      const row = await shared.batch(office, device, last);
      const known = row && (await store.certificate(office, device));
      if (!row) return;
      const { body, ...batch } = row;
      const cert = known && { device, key: toBase64Url(known.key), sig: known.sig };
      let frame: Uint8Array | undefined;
      const plain = (): Uint8Array => (frame ??= encodeFrame({ t: 'batch', batch }, body));
      for (const peer of hub.peers(office))
        if (peer.device !== device) peer.sendBatch(batch, body, plain, cert);
    };
    await bus.start({
      batch(office, device, last) {
        if (hub.peers(office).size === 0) return;
        const next = (chains.get(office) ?? Promise.resolve())
          .then(() => passOn(office, device, last))
          .catch((error: unknown) =>
            log('warn', 'fan-out-failed', { reason: String(error), office })
          );
        chains.set(office, next);
        void next.then(() => chains.get(office) === next && chains.delete(office));
      },
      signal(office, to, from, data) {
        const frame = encodeFrame({ t: 'signal', from, data });
        for (const peer of hub.peers(office)) if (peer.device === to) peer.send(frame);
      },
      revoked(office) {
        void store.office(office).then((row) => {
          for (const peer of [...hub.peers(office)])
            if (peer.device && row?.revoked.has(peer.device))
              peer.kick('revoked', `device ${peer.device} was revoked`);
        });
      },
      reconnected() {
        // PostgreSQL went away and came back: batches announced meanwhile were not passed on,
        // and its presence rows may be gone. This process's devices reconnect (here or to
        // another process) and pull what they missed; they are counted again as they join.
        for (const peer of [...hub.all()]) peer.restart('bus-reconnected');
      }
    });
  }
  const commits = new CommitQueue(store, log);
  const receipts = new ReceiptDesk(store, log);
  const ownerInbox = new OwnerInboxDesk(store, store.ownerInbox, log, {
    ...DEFAULT_INBOX_LIMITS,
    ...options.inboxLimits
  });
  const started = Date.now();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void http(req, res).catch((error: unknown) => {
      log('error', 'http-error', { reason: error instanceof Error ? error.message : typeof error });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  async function http(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const blob = /^\/b\/([0-9a-f]{64})$/.exec(path);
    if (req.method === 'GET' && path === '/healthz') {
      // Counts only for the operator: they tell a stranger how busy (and how big) the relay is.
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify(
          tokenMatches(req, guards.adminToken)
            ? {
                ok: true,
                offices: await store.officeCount(),
                connections: wss.clients.size,
                pairingBytes: pairing.bytes,
                uptime: Math.round((Date.now() - started) / 1000)
              }
            : { ok: true }
        )
      );
    } else if (blob && req.method === 'OPTIONS') {
      cors(res);
      res.writeHead(204).end();
    } else if (blob && req.method === 'GET') {
      // Short links: an owner's phone has no device key; it fetches the ciphertext by hash and
      // decrypts it with the key in the link's fragment, which never reaches the relay.
      cors(res);
      const found = await store.blob(blob[1], Date.now());
      if (!found) res.writeHead(404).end();
      else
        res
          .writeHead(200, {
            'Content-Type': 'application/octet-stream',
            'Cache-Control': 'private, max-age=3600'
          })
          .end(found.body);
    } else if (!receipts.handles(req, res, path) && !ownerInbox.handles(req, res, path)) {
      res.writeHead(404).end();
    }
  }

  // ws's own limit is set above ours so an oversized frame gets a 'too-large' answer, not a bare close.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 2 * (limits.maxBodyBytes + limits.maxHeaderBytes)
  });
  // `/v1` is the protocol's path; `/` too, so the bare address printed by `npm start` works.
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== RELAY_PATH && path !== '/') return void socket.destroy();
    // Connection caps before any work (no key pair, no session): per address and in total.
    const address = remoteAddress(req);
    const admitted = addresses.connect(address, Date.now());
    if (admitted !== 'ok') {
      rejects.reject({
        code: 'too-many-connections',
        reason:
          admitted === 'total' ? 'relay connection limit' : 'connection limit of this address',
        remote: address
      });
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'
      );
      socket.destroy();
      return;
    }
    let counted = true;
    const release = (): void => {
      if (counted) addresses.disconnect(address);
      counted = false;
    };
    socket.once('close', release);
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, address));
  });
  const alive = new WeakSet<object>();
  function accept(ws: WebSocket, address: string): void {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    try {
      new Session(
        ws,
        { store, hub, pairing, bus, commits, limits, guards, addresses, storage, rejects, log },
        address
      );
    } catch (error) {
      log('error', 'session-error', {
        reason: error instanceof Error ? error.message : typeof error,
        remote: address
      });
      ws.terminate();
    }
  }
  wss.on('error', (error) => log('error', 'server-error', { reason: error.message }));

  const timers = [
    setInterval(
      () => {
        const now = Date.now();
        pairing.sweep(now);
        addresses.sweep(now);
        hub.sweep(now);
        rejects.flush(now);
        void (async () => {
          await storage.refresh();
          const purged = await store.purgeExpiredBlobs(now);
          if (purged) log('info', 'blobs-expired', { count: purged });
        })().catch((error: unknown) =>
          log('error', 'sweep-failed', {
            reason: error instanceof Error ? error.message : typeof error
          })
        );
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
  log('info', 'listening', {
    port,
    host: options.host ?? '127.0.0.1',
    store: store.kind,
    data: store.location
  });

  return {
    url: `ws://${host}:${port}${RELAY_PATH}`,
    httpUrl: `http://${host}:${port}`,
    port,
    store,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      // Owner-inbox long polls answer now (empty); connections still open after a short grace
      // (a desk's next poll on a kept-alive socket) are cut, or close would wait for them.
      ownerInbox.close();
      const grace = setTimeout(() => server.closeAllConnections(), 2_000);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearTimeout(grace);
      await bus?.close();
      await store.close();
    }
  };
}
