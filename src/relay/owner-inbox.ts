import type { IncomingMessage, ServerResponse } from 'node:http';
import { toBase64Url } from '../lib/sync/crypto/bytes';
import {
  INBOX_PATH,
  LINK_TAG,
  MAX_LIST,
  MAX_STATUS_BYTES,
  MAX_SUBMISSION_BYTES,
  MAX_TAGS_PER_REQUEST,
  REQUEST_CLOCK_SKEW_MS,
  STATUS_ID,
  inboxRequestMessage,
  type InboxItem,
  type InboxRequest
} from '../lib/owner-inbox/format';
import { TokenBucket } from './limits';
import type { RelayLog } from './log';
import { decodeOrEmpty, officeRequestRefusal } from './office-request';
import type { InboxQuota, OwnerInboxStore } from './owner-inbox-store';
import { cors, readBody, remoteAddress } from './receipts';
import type { RelayStore } from './store';

/**
 * The relay's `/o` endpoints (issue 16; lib/owner-inbox/format.ts): owners' sealed
 * submissions in, the office's devices fetch and delete them, sealed status updates out.
 * Abuse (§6): a submission needs an open link tag; rate limits per tag and per address; size
 * limits per submission and per office inbox. The relay never reads a submission.
 */
export interface InboxLimits extends InboxQuota {
  maxTtlSeconds: number;
  maxStatusTtlSeconds: number;
  /** Submissions per link tag (a lobby poster: many phones, few reports an hour). */
  perTagRatePerSecond: number;
  perTagBurst: number;
  /** Submissions per address (NAT puts a lobby's phones behind one). */
  perAddressRatePerSecond: number;
  perAddressBurst: number;
  /** Status reads and signed requests per address. */
  readRatePerSecond: number;
  readBurst: number;
  maxSubmissionBytes: number;
}

export const DEFAULT_INBOX_LIMITS: InboxLimits = {
  maxTagsPerOffice: 50_000,
  maxWaitingPerOffice: 2_000,
  maxWaitingBytesPerOffice: 200 * 1024 * 1024,
  maxTtlSeconds: 3 * 366 * 24 * 3600,
  maxStatusTtlSeconds: 366 * 24 * 3600,
  perTagRatePerSecond: 1 / 60,
  perTagBurst: 20,
  perAddressRatePerSecond: 1 / 30,
  perAddressBurst: 10,
  readRatePerSecond: 5,
  readBurst: 120,
  maxSubmissionBytes: MAX_SUBMISSION_BYTES
};

const SWEEP_MS = 60_000;
/** Longest long poll of `list`, and how many desks of one office may wait at once. */
const MAX_WAIT_SECONDS = 25;
const MAX_WAITERS_PER_OFFICE = 16;
const MAX_TRACKED = 10_000;

function isRequest(value: unknown): value is InboxRequest {
  const r = value as Partial<InboxRequest> | null;
  return (
    !!r &&
    r.v === 1 &&
    (r.op === 'open' || r.op === 'list' || r.op === 'delete' || r.op === 'status') &&
    typeof r.office === 'string' &&
    typeof r.officeKey === 'string' &&
    typeof r.cert?.device === 'string' &&
    typeof r.cert.key === 'string' &&
    typeof r.cert.sig === 'string' &&
    Number.isSafeInteger(r.at) &&
    Number.isSafeInteger(r.ttl) &&
    (r.ttl ?? -1) >= 0 &&
    Array.isArray(r.ids) &&
    r.ids.length <= MAX_TAGS_PER_REQUEST &&
    r.ids.every((id) => typeof id === 'string' && id.length <= 40) &&
    typeof r.body === 'string' &&
    typeof r.sig === 'string'
  );
}

/** Why a signed inbox request is refused, or undefined when a device of the office sent it. */
function refusal(
  store: RelayStore,
  request: InboxRequest,
  now: number
): Promise<string | undefined> {
  const { sig: _sig, ...signed } = request;
  return officeRequestRefusal(
    store,
    request,
    inboxRequestMessage(signed),
    now,
    REQUEST_CLOCK_SKEW_MS
  );
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

export class OwnerInboxDesk {
  private readonly tagBuckets = new Map<string, TokenBucket>();
  private readonly addressBuckets = new Map<string, TokenBucket>();
  private readonly readBuckets = new Map<string, TokenBucket>();
  private swept = 0;
  /** Desks waiting in a long poll, per office. */
  private readonly waiters = new Map<string, Set<() => void>>();
  private closed = false;

  constructor(
    private readonly store: RelayStore,
    private readonly inbox: OwnerInboxStore,
    private readonly log: RelayLog,
    private readonly limits: InboxLimits = DEFAULT_INBOX_LIMITS
  ) {}

  /** True when the request is an inbox request (answered here, possibly later). */
  handles(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const status = /^\/o\/s\/([A-Za-z0-9_-]+)$/.exec(path);
    const submit = status ? null : /^\/o\/([A-Za-z0-9_-]+)$/.exec(path);
    if (path !== INBOX_PATH && !status && !submit) return false;
    cors(res);
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    const fail = (error: unknown) => {
      this.log('error', 'owner-inbox-failed', { reason: String(error) });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    };
    if (req.method === 'OPTIONS') res.writeHead(204).end();
    else if (status && req.method === 'GET') this.readStatus(req, res, status[1]).catch(fail);
    else if (req.method !== 'POST') res.writeHead(405, { Allow: 'GET, POST, OPTIONS' }).end();
    else if (submit) this.submit(req, res, submit[1]).catch(fail);
    else this.request(req, res).catch(fail);
    return true;
  }

  /** The relay stops: every waiting long poll answers now, and none waits from here on. */
  close(): void {
    this.closed = true;
    for (const set of [...this.waiters.values()]) for (const wake of [...set]) wake();
  }

  private waitFor(office: string, res: ServerResponse, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(office);
      if (!set) this.waiters.set(office, (set = new Set()));
      if (this.closed || set.size >= MAX_WAITERS_PER_OFFICE) return resolve();
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (!set.size) this.waiters.delete(office);
        resolve();
      };
      const timer = setTimeout(done, ms);
      res.once('close', done);
      set.add(done);
    });
  }

  private async sweep(now: number): Promise<void> {
    if (now - this.swept < SWEEP_MS) return;
    this.swept = now;
    await this.inbox.purgeExpired(now);
    for (const buckets of [this.tagBuckets, this.addressBuckets, this.readBuckets])
      if (buckets.size > MAX_TRACKED) buckets.clear();
  }

  private take(
    buckets: Map<string, TokenBucket>,
    key: string,
    rate: number,
    burst: number,
    now: number
  ): boolean {
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(rate, burst, now);
      buckets.set(key, bucket);
    }
    return bucket.take(now).ok;
  }

  private async submit(req: IncomingMessage, res: ServerResponse, tag: string): Promise<void> {
    const now = Date.now();
    await this.sweep(now);
    const l = this.limits;
    if (!LINK_TAG.test(tag)) return this.refuse(res, 404, 'unknown link', req);
    if (
      !this.take(
        this.addressBuckets,
        remoteAddress(req),
        l.perAddressRatePerSecond,
        l.perAddressBurst,
        now
      )
    )
      return this.refuse(res, 429, 'too many submissions from this address', req);
    const office = await this.inbox.tagOffice(tag, now);
    if (!office) return this.refuse(res, 404, 'unknown link', req);
    if (!this.take(this.tagBuckets, tag, l.perTagRatePerSecond, l.perTagBurst, now))
      return this.refuse(res, 429, 'too many submissions on this link', req);
    const body = await readBody(req, l.maxSubmissionBytes);
    if (!body) return this.refuse(res, 413, 'submission too large', req);
    if (body.length < 61) return this.refuse(res, 400, 'not a sealed submission', req);
    const added = await this.inbox.add(office, tag, new Uint8Array(body), now, l);
    if (!added.ok) return this.refuse(res, added.status, added.reason, req);
    res.writeHead(201, JSON_HEADERS).end(JSON.stringify({ id: added.id }));
    for (const wake of this.waiters.get(office) ?? []) wake();
  }

  private async readStatus(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const now = Date.now();
    await this.sweep(now);
    const l = this.limits;
    if (!this.take(this.readBuckets, remoteAddress(req), l.readRatePerSecond, l.readBurst, now))
      return void res.writeHead(429).end();
    const body = STATUS_ID.test(id) ? await this.inbox.status(id, now) : undefined;
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(body);
  }

  private async request(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    await this.sweep(now);
    const l = this.limits;
    if (!this.take(this.readBuckets, remoteAddress(req), l.readRatePerSecond, l.readBurst, now))
      return void res.writeHead(429).end();
    const raw = await readBody(req, 256 * 1024);
    if (!raw) return this.refuse(res, 413, 'request too large', req);
    let request: unknown;
    try {
      request = JSON.parse(raw.toString('utf8'));
    } catch {
      request = undefined;
    }
    if (!isRequest(request)) return this.refuse(res, 400, 'not an inbox request', req);
    const why = await refusal(this.store, request, now);
    if (why) return this.refuse(res, 403, why, req, request);
    const office = request.office;
    if (request.op === 'open') {
      if (!request.ids.every((tag) => LINK_TAG.test(tag)))
        return this.refuse(res, 400, 'not a link tag', req, request);
      const expires = now + Math.min(request.ttl, l.maxTtlSeconds) * 1000;
      const opened = await this.inbox.openTags(office, request.ids, expires, l);
      if (!opened.ok) return this.refuse(res, opened.status, opened.reason, req, request);
      return void res.writeHead(200, JSON_HEADERS).end(JSON.stringify({ expires }));
    }
    if (request.op === 'list') {
      let waiting = await this.inbox.list(office, MAX_LIST);
      // Long poll: an empty inbox answers when a submission arrives or `ttl` seconds pass,
      // so the desk shows a submission within a round trip, not a polling interval.
      if (!waiting.length && request.ttl > 0) {
        await this.waitFor(office, res, Math.min(request.ttl, MAX_WAIT_SECONDS) * 1000);
        if (res.socket?.destroyed) return;
        waiting = await this.inbox.list(office, MAX_LIST);
      }
      const items: InboxItem[] = waiting.map((item) => ({
        id: item.id,
        tag: item.tag,
        at: item.at,
        body: toBase64Url(item.body)
      }));
      return void res.writeHead(200, JSON_HEADERS).end(JSON.stringify({ items }));
    }
    if (request.op === 'delete') {
      const removed = await this.inbox.remove(
        office,
        request.ids.filter((id) => /^\d{1,15}$/.test(id))
      );
      return void res.writeHead(200, JSON_HEADERS).end(JSON.stringify({ removed }));
    }
    const [id] = request.ids;
    const body = decodeOrEmpty(request.body);
    if (request.ids.length !== 1 || !STATUS_ID.test(id))
      return this.refuse(res, 400, 'not a status id', req, request);
    if (body.length === 0 || body.length > MAX_STATUS_BYTES)
      return this.refuse(res, 413, 'status update too large', req, request);
    const expires = now + Math.min(request.ttl, l.maxStatusTtlSeconds) * 1000;
    const put = await this.inbox.putStatus(office, id, body, request.at, expires);
    if (!put.ok) return this.refuse(res, put.status, put.reason, req, request);
    res.writeHead(200, JSON_HEADERS).end(JSON.stringify({ expires }));
  }

  private refuse(
    res: ServerResponse,
    status: number,
    reason: string,
    req: IncomingMessage,
    request?: InboxRequest
  ): void {
    this.log('warn', 'reject', {
      code: 'owner-inbox',
      reason,
      office: request?.office,
      device: request?.cert.device
    });
    req.resume();
    if (res.socket?.destroyed) return;
    res.writeHead(status, JSON_HEADERS).end(JSON.stringify({ reason }));
  }
}
