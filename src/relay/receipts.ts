import type { IncomingMessage, ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import {
  MAX_TAGS_PER_REQUEST,
  RECEIPT_TAG,
  RECEIPTS_PATH,
  REQUEST_CLOCK_SKEW_MS,
  receiptRequestMessage,
  type ReceiptRequest
} from '../lib/owner-link/receipt-format';
import { TokenBucket } from './limits';
import { officeRequestRefusal } from './office-request';
import type { RelayLog } from './log';
import type { OpenResult, ReceiptStorage, RelayStore } from './store';

/**
 * Anonymous read receipts of owner notices (src/lib/owner-link/receipt-format.ts): a counter
 * per opaque tag, nothing else — no IP address, no time of a ping, no notice, no building.
 * A device of the office opens its tags (signed, like every device request); a phone's ping
 * counts only on an open tag, so strangers cannot fill the store; counts expire with the tag.
 */
export interface ReceiptLimits {
  /** Open tags per office (a notice opens one per building and one for the chat link). */
  maxTagsPerOffice: number;
  /** Open tags on the whole relay. */
  maxTags: number;
  /** Longest a tag is kept, seconds. */
  maxTtlSeconds: number;
  /** Pings per second per address (token bucket refill), and the bucket's size. */
  pingRatePerSecond: number;
  pingBurst: number;
  /** Largest signed request body, bytes. */
  maxRequestBytes: number;
}

export const DEFAULT_RECEIPT_LIMITS: ReceiptLimits = {
  maxTagsPerOffice: 20_000,
  maxTags: 1_000_000,
  maxTtlSeconds: 90 * 24 * 3600,
  // A phone pings once per notice; a lobby's Wi-Fi or a carrier's NAT puts many behind one address.
  pingRatePerSecond: 2,
  pingBurst: 60,
  maxRequestBytes: 64 * 1024
};

const SWEEP_MS = 60_000;
const MAX_TRACKED_ADDRESSES = 10_000;

function prepare(db: Database.Database) {
  db.exec(`
    CREATE TABLE IF NOT EXISTS receipts (
      tag TEXT PRIMARY KEY, office TEXT NOT NULL, count INTEGER NOT NULL DEFAULT 0,
      expires INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS receipts_by_office ON receipts (office);
  `);
  return {
    owner: db.prepare('SELECT office FROM receipts WHERE tag = ?'),
    open: db.prepare(
      'INSERT INTO receipts (tag, office, expires) VALUES (?, ?, ?) ON CONFLICT (tag) DO UPDATE SET expires = max(expires, excluded.expires)'
    ),
    ping: db.prepare('UPDATE receipts SET count = count + 1 WHERE tag = ? AND expires > ?'),
    count: db.prepare('SELECT count FROM receipts WHERE tag = ? AND office = ? AND expires > ?'),
    officeTags: db.prepare('SELECT count(*) AS n FROM receipts WHERE office = ?'),
    allTags: db.prepare('SELECT count(*) AS n FROM receipts'),
    purge: db.prepare('DELETE FROM receipts WHERE expires <= ?')
  };
}

/** The counters in the relay's SQLite (store-postgres.ts has the same on PostgreSQL). */
export class ReceiptCounters implements ReceiptStorage {
  private readonly statements: ReturnType<typeof prepare>;

  constructor(private readonly db: Database.Database) {
    this.statements = prepare(db);
  }

  async open(
    office: string,
    tags: readonly string[],
    expires: number,
    limits: { maxTagsPerOffice: number; maxTags: number }
  ): Promise<OpenResult> {
    return this.db.transaction((): OpenResult => {
      const holders = tags.map(
        (tag) => (this.statements.owner.get(tag) as { office: string } | undefined)?.office
      );
      if (holders.some((holder) => holder !== undefined && holder !== office))
        return { ok: false, status: 409, reason: 'tag held by another office' };
      const fresh = holders.filter((holder) => holder === undefined);
      const held = (this.statements.officeTags.get(office) as { n: number }).n;
      if (held + fresh.length > limits.maxTagsPerOffice)
        return { ok: false, status: 507, reason: `office holds ${held} receipt tags` };
      const all = (this.statements.allTags.get() as { n: number }).n;
      if (all + fresh.length > limits.maxTags)
        return { ok: false, status: 507, reason: 'relay holds too many receipt tags' };
      for (const tag of tags) this.statements.open.run(tag, office, expires);
      return { ok: true };
    })();
  }

  async ping(tag: string, now: number): Promise<boolean> {
    return this.statements.ping.run(tag, now).changes === 1;
  }

  async counts(
    office: string,
    tags: readonly string[],
    now: number
  ): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const tag of tags) {
      const row = this.statements.count.get(tag, office, now) as { count: number } | undefined;
      if (row) out[tag] = row.count;
    }
    return out;
  }

  async purgeExpired(now: number): Promise<number> {
    return this.statements.purge.run(now).changes;
  }
}

function isRequest(value: unknown): value is ReceiptRequest {
  const r = value as Partial<ReceiptRequest> | null;
  return (
    !!r &&
    r.v === 1 &&
    (r.op === 'open' || r.op === 'count') &&
    typeof r.office === 'string' &&
    typeof r.officeKey === 'string' &&
    typeof r.cert?.device === 'string' &&
    typeof r.cert.key === 'string' &&
    typeof r.cert.sig === 'string' &&
    Number.isSafeInteger(r.at) &&
    (r.at ?? -1) >= 0 &&
    Number.isSafeInteger(r.ttl) &&
    (r.ttl ?? -1) >= 0 &&
    Array.isArray(r.tags) &&
    r.tags.length <= MAX_TAGS_PER_REQUEST &&
    r.tags.every((tag) => typeof tag === 'string' && RECEIPT_TAG.test(tag)) &&
    typeof r.sig === 'string'
  );
}

/** Why a signed receipt request is refused, or undefined when it comes from a device of the office. */
function refusal(
  store: RelayStore,
  request: ReceiptRequest,
  now: number
): Promise<string | undefined> {
  const { sig: _sig, ...signed } = request;
  return officeRequestRefusal(
    store,
    request,
    receiptRequestMessage(signed),
    now,
    REQUEST_CLOCK_SKEW_MS
  );
}

/**
 * The address a request came from, for rate limits only (never stored or logged). Behind the
 * TLS proxy the README recommends, every request comes from loopback: then the proxy's
 * X-Forwarded-For says who asked.
 */
export function remoteAddress(req: IncomingMessage): string {
  const direct = req.socket.remoteAddress ?? '?';
  const forwarded = req.headers['x-forwarded-for'];
  const loopback = direct === '127.0.0.1' || direct === '::1' || direct === '::ffff:127.0.0.1';
  if (!loopback || typeof forwarded !== 'string') return direct;
  return forwarded.split(',').pop()?.trim() || direct;
}

export function cors(res: ServerResponse): void {
  // Owner phones and the desk are pages of another origin; nothing here uses cookies.
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
  res.setHeader('Access-Control-Max-Age', '86400');
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * The body, or undefined when it is larger than `max`. An oversized body is read to its end
 * (and dropped) so the refusal reaches the sender, unless it goes on far beyond the limit.
 */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else if (size > 16 * max) req.destroy();
    });
    req.on('end', () => resolve(size <= max ? Buffer.concat(chunks) : undefined));
    req.on('close', () => resolve(undefined));
    req.on('error', reject);
  });
}

/** The relay's `/r` endpoints (server.ts hands them every request whose path starts with `/r`). */
export class ReceiptDesk {
  readonly counters: ReceiptStorage;
  private readonly pings = new Map<string, TokenBucket>();
  private readonly requests = new Map<string, TokenBucket>();
  private swept = 0;

  constructor(
    private readonly store: RelayStore,
    private readonly log: RelayLog,
    private readonly limits: ReceiptLimits = DEFAULT_RECEIPT_LIMITS
  ) {
    this.counters = store.receipts;
  }

  /** True when the request is a receipts request (answered here, possibly later). */
  handles(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const ping = /^\/r\/([A-Za-z0-9_-]+)$/.exec(path);
    if (path !== RECEIPTS_PATH && !ping) return false;
    cors(res);
    if (req.method === 'OPTIONS') res.writeHead(204).end();
    else if (req.method !== 'POST') res.writeHead(405, { Allow: 'POST, OPTIONS' }).end();
    else
      void (ping ? this.ping(req, res, ping[1]) : this.request(req, res)).catch(
        (error: unknown) => {
          this.log('error', 'receipts-failed', { reason: String(error) });
          if (!res.headersSent) res.writeHead(500);
          res.end();
        }
      );
    return true;
  }

  private sweep(now: number): void {
    if (now - this.swept < SWEEP_MS) return;
    this.swept = now;
    void this.counters
      .purgeExpired(now)
      .catch((error: unknown) => this.log('error', 'receipts-failed', { reason: String(error) }));
    if (this.pings.size > MAX_TRACKED_ADDRESSES) this.pings.clear();
    if (this.requests.size > MAX_TRACKED_ADDRESSES) this.requests.clear();
  }

  private allowed(buckets: Map<string, TokenBucket>, req: IncomingMessage, now: number): boolean {
    const address = remoteAddress(req);
    let bucket = buckets.get(address);
    if (!bucket) {
      bucket = new TokenBucket(this.limits.pingRatePerSecond, this.limits.pingBurst, now);
      buckets.set(address, bucket);
    }
    return bucket.take(now).ok;
  }

  private async ping(req: IncomingMessage, res: ServerResponse, tag: string): Promise<void> {
    const now = Date.now();
    this.sweep(now);
    req.resume(); // a ping has no body; drop anything sent
    if (!this.allowed(this.pings, req, now)) return void res.writeHead(429).end();
    const counted = RECEIPT_TAG.test(tag) && (await this.counters.ping(tag, now));
    res.writeHead(counted ? 204 : 404).end();
  }

  private async request(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    this.sweep(now);
    if (!this.allowed(this.requests, req, now)) return void res.writeHead(429).end();
    const body = await readBody(req, this.limits.maxRequestBytes);
    if (!body) return this.refuse(res, 413, 'request too large');
    let request: unknown;
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch {
      request = undefined;
    }
    if (!isRequest(request)) return this.refuse(res, 400, 'not a receipts request');
    const why = await refusal(this.store, request, now);
    if (why) return this.refuse(res, 403, why, request);
    const json = { 'Content-Type': 'application/json' };
    if (request.op === 'count') {
      const counts = await this.counters.counts(request.office, request.tags, now);
      return void res.writeHead(200, json).end(JSON.stringify({ counts }));
    }
    const ttl = Math.min(request.ttl, this.limits.maxTtlSeconds);
    const opened = await this.counters.open(request.office, request.tags, now + ttl * 1000, {
      maxTagsPerOffice: this.limits.maxTagsPerOffice,
      maxTags: this.limits.maxTags
    });
    if (!opened.ok) return this.refuse(res, opened.status, opened.reason, request);
    res.writeHead(200, json).end(JSON.stringify({ expires: now + ttl * 1000 }));
  }

  private refuse(res: ServerResponse, status: number, reason: string, request?: ReceiptRequest) {
    this.log('warn', 'reject', {
      code: 'receipts',
      reason,
      office: request?.office,
      device: request?.cert.device
    });
    if (res.socket?.destroyed) return; // an oversized body cut off: nobody to answer
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ reason }));
  }
}
