import { createHash } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { randomBytes, toBase64Url } from '../lib/sync/crypto/bytes';
import type { DeviceCertificate } from '../lib/sync/crypto/identity';
import {
  encodeFrame,
  FATAL_ERRORS,
  PROTOCOL_VERSION,
  type ClientHeader,
  type ErrorCode,
  type RelayHeader,
  type RelayLimits,
  type WireBatch
} from '../lib/sync/protocol';
import {
  checkBatch,
  checkFrame,
  checkHello,
  newExchangeKey,
  relaySessionKey,
  verifyRevocation,
  type Identity
} from './auth';
import type { CommitQueue } from './commit-queue';
import type { Hub, Peer } from './hub';
import type { AddressBook, RelayGuards, StorageMeter, TokenBucket } from './limits';
import type { RejectLog, RelayLog } from './log';
import type { RelayBus } from './bus';
import type { PairingPeer, PairingRefusal, PairingService } from './pairing';
import { parseClientFrame } from './parse';
import type { RelayStore } from './store';

export interface RelayContext {
  store: RelayStore;
  hub: Hub;
  pairing: PairingService;
  /** Several relay processes over one PostgreSQL: presence, signals, revocations (bus.ts). */
  bus?: RelayBus;
  commits: CommitQueue;
  limits: RelayLimits;
  guards: RelayGuards;
  addresses: AddressBook;
  storage: StorageMeter;
  rejects: RejectLog;
  log: RelayLog;
}

/** An exception's message for the log, without calling anything on a value that is not an Error. */
function reasonOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : typeof error;
}

/** Refusals of the rate limit in a row after which the connection is closed (it is not listening). */
const MAX_LIMITED_IN_ROW = 50;

type Of<T extends ClientHeader['t']> = Extract<ClientHeader, { t: T }>;
/**
 * Messages of a connection are handled one after another (a store read may wait, on
 * PostgreSQL a round trip); above this many waiting, the socket is not read until they are done.
 */
const MAX_QUEUED = 64;
const PULL_PAGE = 64; // batches read and sent before waiting for the socket to drain
const MAX_PAIRING_MESSAGE = 64 * 1024;

/** One WebSocket connection: authenticates a device, then serves its requests. */
export class Session implements Peer, PairingPeer {
  private identity: Identity | undefined;
  private readonly nonce = randomBytes(16);
  private readonly exchange = newExchangeKey();
  /** Authors whose certificate this connection was given (with their first batch). */
  private readonly certsGiven = new Set<string>();
  private lastCounter = 0;
  /** The device's bucket once authenticated; before that the remote address's (AddressBook). */
  private bucket: TokenBucket | undefined;
  private limitedInRow = 0;
  private closed = false;
  /** Closes a connection that neither authenticates nor pairs (an idle socket is not free). */
  private deadline: NodeJS.Timeout | undefined;
  /** Pairing mailboxes this connection opened (released when it closes). */
  private readonly pairings = new Set<string>();
  /** Reading is paused while the socket's unsent bytes are above a quarter of the limit. */
  private paused = false;
  /** Messages received and not yet handled (see MAX_QUEUED), and their chain. */
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private queuePaused = false;
  /** This connection's row in relay_presence (several processes over PostgreSQL: bus.ts). */
  private presence: Promise<number | undefined> | undefined;
  /** This device's own certificate, handed on with its first live batch to each peer. */
  private ownCert: DeviceCertificate | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: RelayContext,
    private readonly remote: string
  ) {
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('close', () => this.closeSession());
    ws.on('error', (error: Error & { code?: string }) => {
      // ws refuses frames above twice the limits before we see them; still a logged rejection.
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')
        this.ctx.rejects.reject({ code: 'too-large', reason: error.message, remote });
      else this.ctx.log('warn', 'socket-error', { reason: error.message, remote });
    });
    this.arm(ctx.guards.helloTimeoutMs);
    this.reply({
      t: 'challenge',
      v: PROTOCOL_VERSION,
      nonce: toBase64Url(this.nonce),
      kx: toBase64Url(this.exchange.publicKey),
      maxBodyBytes: ctx.limits.maxBodyBytes
    });
  }

  get device(): string | undefined {
    return this.identity?.device;
  }

  /**
   * Backpressure: a connection that does not read its answers is first not read any more
   * (it cannot ask for more), and closed when what waits for it passes `maxSendBufferBytes`
   * (live batches of its office keep coming). Nothing is buffered without bound.
   */
  send(frame: Uint8Array): void {
    if (this.closed) return;
    const limit = this.ctx.guards.maxSendBufferBytes;
    if (this.ws.bufferedAmount + frame.length > limit) {
      this.ctx.rejects.reject({
        code: 'slow-reader',
        reason: `more than ${limit} bytes unsent`,
        office: this.identity?.office,
        device: this.device,
        remote: this.remote
      });
      this.ws.terminate();
      this.closeSession();
      return;
    }
    this.ws.send(frame, () => this.drained());
    if (!this.paused && this.ws.bufferedAmount > limit / 4) {
      this.paused = true;
      this.ws.pause();
    }
  }

  private drained(): void {
    if (
      this.paused &&
      !this.closed &&
      this.ws.bufferedAmount <= this.ctx.guards.maxSendBufferBytes / 8
    ) {
      this.paused = false;
      if (!this.queuePaused) this.ws.resume();
    }
  }

  private arm(ms: number): void {
    clearTimeout(this.deadline);
    this.deadline = setTimeout(() => {
      if (this.closed) return;
      this.ctx.rejects.reject({
        code: 'hello-timeout',
        reason: `no hello within ${ms} ms`,
        remote: this.remote
      });
      this.end(1008, 'hello-timeout');
    }, ms);
    this.deadline.unref();
  }

  /** An exception in this connection's handling: logged, this connection closed, the relay goes on. */
  private fail(error: unknown): void {
    this.ctx.log('error', 'session-error', {
      reason: reasonOf(error),
      office: this.identity?.office,
      device: this.device,
      remote: this.remote
    });
    this.end(1011, 'internal');
  }

  sendBatch(
    batch: WireBatch,
    body: Uint8Array,
    plain: () => Uint8Array,
    cert: DeviceCertificate | undefined
  ): void {
    const give = this.identity && cert && !this.certsGiven.has(batch.device);
    if (give) this.certsGiven.add(batch.device);
    this.send(give ? encodeFrame({ t: 'batch', batch, cert }, body) : plain());
  }

  /** The author's certificate, the first time this connection gets one of its batches. */
  private async certificateField(device: string): Promise<{ cert?: DeviceCertificate }> {
    if (!this.identity || this.certsGiven.has(device)) return {};
    const cert = await certificateOf(this.ctx.store, this.identity.office, device);
    if (!cert || this.certsGiven.has(device)) return {};
    this.certsGiven.add(device);
    return { cert };
  }

  private reply(header: RelayHeader, body?: Uint8Array): void {
    this.send(encodeFrame(header, body));
  }

  /**
   * Sends, and resolves once the socket's unsent bytes are low again, so a long pull never
   * buffers the whole office (nor trips the slow-reader limit of an honest device).
   */
  private sendAndWait(frame: Uint8Array): Promise<void> {
    if (this.closed) return Promise.resolve();
    const low = this.ctx.guards.maxSendBufferBytes / 8;
    if (this.ws.bufferedAmount + frame.length <= low) {
      this.send(frame);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      this.ws.send(frame, () => resolve());
    });
  }

  kick(code: 'revoked', message: string): void {
    this.reject(code, message, undefined, 'revoke');
  }

  restart(reason: string): void {
    this.end(1012, reason); // 1012: service restart; the device reconnects and pulls
  }

  /** Every refusal is logged with its reason, answered, and (for misbehaviour) ends the connection. */
  private reject(
    code: ErrorCode,
    message: string,
    re?: number,
    t?: string,
    extra: { have?: number; retryAfterMs?: number } = {},
    close = FATAL_ERRORS.has(code)
  ): void {
    this.ctx.rejects.reject({
      code,
      reason: message,
      t,
      office: this.identity?.office,
      device: this.device,
      remote: this.remote
    });
    this.reply({ t: 'error', re, code, message, ...extra });
    if (close) this.end(1008, code);
  }

  /**
   * Closes with a reason the device sees, and stops reading at once: a flooding peer's frames
   * still in flight are not even unmasked; the socket is dropped a second later, whatever the
   * peer does with the close handshake.
   */
  private end(code: number, reason: string): void {
    if (this.closed) return;
    this.ws.close(code, reason);
    this.ws.pause();
    setTimeout(() => this.ws.terminate(), 1000).unref();
    this.closeSession(); // frames still in flight from this peer are ignored from now on
  }

  private closeSession(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.deadline);
    if (this.identity) this.ctx.hub.leave(this.identity.office, this);
    this.ctx.pairing.release(this, this.pairings);
    const { bus } = this.ctx;
    if (bus && this.presence)
      void this.presence
        .then((presence) => (presence === undefined ? undefined : bus.leave(presence)))
        .catch(() => undefined);
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    this.queued++;
    if (this.queued > MAX_QUEUED && !this.queuePaused) {
      this.queuePaused = true;
      this.ws.pause();
    }
    this.queue = this.queue.then(async () => {
      try {
        if (!this.closed) await this.handle(data, isBinary);
      } catch (error) {
        this.fail(error);
      } finally {
        this.queued--;
        if (this.queuePaused && this.queued <= MAX_QUEUED / 4) {
          this.queuePaused = false;
          if (!this.paused && !this.closed) this.ws.resume();
        }
      }
    });
  }

  /** Every message, good or bad, takes a token first: refusals are rate-limited like the rest. */
  private takeToken(re: number | undefined, t: string | undefined): boolean {
    const now = Date.now();
    const token = this.bucket
      ? this.bucket.take(now)
      : this.ctx.addresses.takeUnauthenticated(this.remote, now);
    if (token.ok) {
      this.limitedInRow = 0;
      return true;
    }
    this.limitedInRow++;
    this.reject(
      'rate-limited',
      'too many messages',
      re,
      t,
      { retryAfterMs: token.retryAfterMs },
      !this.identity || this.limitedInRow > MAX_LIMITED_IN_ROW
    );
    return false;
  }

  private async handle(data: RawData, isBinary: boolean): Promise<void> {
    const { limits } = this.ctx;
    if (!isBinary || !Buffer.isBuffer(data)) {
      if (this.takeToken(undefined, undefined))
        this.reject('malformed', 'text frames are not part of the protocol');
      return;
    }
    // Frames far above the limit never get here: ws closes them (1009) at twice the limits.
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    // Parsed first (bounded: the header limit) so that even a refusal answers its request.
    const parsed = parseClientFrame(bytes, limits.maxHeaderBytes, this.identity?.device);
    const answerTo = parsed.ok ? parsed.header.n : parsed.re;
    if (!this.takeToken(answerTo, parsed.ok ? parsed.header.t : parsed.t)) return;
    if (!parsed.ok) return this.reject(parsed.code, parsed.message, parsed.re, parsed.t);
    const { frame, header } = parsed;
    const re = header.n;
    if (frame.body.length > limits.maxBodyBytes) {
      return this.reject(
        'too-large',
        `body of ${frame.body.length} bytes exceeds ${limits.maxBodyBytes}`,
        re,
        header.t
      );
    }

    if (header.t === 'hello') return this.hello(header, frame.signature, frame.signedPart);
    if (header.t === 'pair-open' || header.t === 'pair-send') {
      // Unsigned by design (the new device has no certificate yet); the counter still stops replays.
      if (re <= this.lastCounter)
        return this.reject('replay', `counter ${re} not above ${this.lastCounter}`, re, header.t);
      this.lastCounter = re;
      return header.t === 'pair-open' ? this.pairOpen(header) : this.pairSend(header, frame.body);
    }
    const identity = this.identity;
    if (!identity) return this.reject('not-authenticated', 'send hello first', re, header.t);
    if (!checkFrame(identity, frame, this.nonce)) {
      return this.reject(
        'bad-signature',
        'frame signature does not match the device key and session',
        re,
        header.t
      );
    }
    if (re <= this.lastCounter)
      return this.reject('replay', `counter ${re} not above ${this.lastCounter}`, re, header.t);
    this.lastCounter = re;
    // Requests whose answer is large wait until the last answers were read (backpressure):
    // already-received requests are refused cheaply, before anything is read from the store.
    if (
      this.paused &&
      (header.t === 'pull' || header.t === 'blob-get' || header.t === 'office-blob-get')
    ) {
      this.limitedInRow++;
      return this.reject(
        'rate-limited',
        'read the answers already sent first',
        re,
        header.t,
        { retryAfterMs: 1000 },
        this.limitedInRow > MAX_LIMITED_IN_ROW
      );
    }
    switch (header.t) {
      case 'push':
        // Resolves once the batch is queued for its commit: the next push may be checked
        // while this one commits (the ack follows the commit).
        return this.push(identity, header, frame.body);
      case 'pull':
        // A long catch-up does not hold up the connection's other requests.
        return void this.pull(identity, header).catch((error) => this.fail(error));
      case 'signal':
        return this.signal(identity, header);
      case 'prune':
        return this.prune(identity, header);
      case 'holds':
        await this.ctx.store.acknowledge(identity.office, identity.device, header.vector);
        return this.reply({ t: 'ok', re: header.n });
      case 'blob-put':
        return this.blobPut(identity, header, frame.body);
      case 'blob-get':
        return this.blobGet(header);
      case 'office-blob-put':
        return this.officeBlobPut(identity, header, frame.body);
      case 'office-blob-get':
        return this.officeBlobGet(identity, header);
      case 'office-blob-has':
        return this.reply({
          t: 'office-blob-missing',
          re,
          ids: await this.ctx.store.officeBlobs.missing(identity.office, header.ids)
        });
      case 'office-blob-drop':
        return this.officeBlobDrop(identity, header);
      case 'revoke':
        return this.revoke(identity, header);
    }
  }

  private async hello(
    header: Of<'hello'>,
    signature: Uint8Array,
    signedPart: Uint8Array
  ): Promise<void> {
    if (this.identity) return this.reject('malformed', 'already authenticated', 0, 'hello');
    const { store, hub } = this.ctx;
    const pinned = await store.office(header.office);
    const checked = checkHello(pinned, header, signature, signedPart, this.nonce);
    if ('code' in checked) return this.reject(checked.code, checked.message, 0, 'hello');
    const { identity, revocation } = checked;
    // Offices and devices cost storage forever: new ones are capped per address and hour.
    const now = Date.now();
    const { addresses } = this.ctx;
    const newOffice = !pinned;
    const known = newOffice ? undefined : await store.certificate(identity.office, identity.device);
    if (newOffice && !addresses.enrol(this.remote, now, 'office'))
      return this.reject(
        'rate-limited',
        'too many new offices from this address',
        0,
        'hello',
        {},
        true
      );
    if (!newOffice && !known && !addresses.enrol(this.remote, now, 'device'))
      return this.reject(
        'rate-limited',
        'too many new devices from this address',
        0,
        'hello',
        {},
        true
      );
    if (!hub.join(identity.office, this)) {
      return this.reject(
        'too-many-connections',
        `office has ${this.ctx.limits.maxConnectionsPerOffice} connections`,
        0,
        'hello'
      );
    }
    if (this.ctx.bus) {
      // The office's connections on all relay processes count against its limit.
      const joined = this.ctx.bus.join(identity.office, identity.device);
      this.presence = joined.then(
        (row) => row.presence,
        () => undefined
      );
      const { connections } = await joined;
      if (connections > this.ctx.limits.maxConnectionsPerOffice) {
        hub.leave(identity.office, this);
        return this.reject(
          'too-many-connections',
          `office has ${this.ctx.limits.maxConnectionsPerOffice} connections`,
          0,
          'hello'
        );
      }
    }
    // A device reconnecting with the key and certificate the relay holds costs a read, not a
    // commit (after a process dies, all its devices say hello again at once).
    const unchanged =
      known !== undefined &&
      known.sig === header.cert.sig &&
      toBase64Url(known.key) === toBase64Url(identity.devicePublicKey);
    try {
      if (!unchanged)
        await store.enrol(
          identity.office,
          identity.officePublicKey,
          identity.device,
          identity.devicePublicKey,
          Date.now(),
          header.cert.sig
        );
      if (revocation)
        await this.applyRevocation(identity.office, revocation.version, revocation.devices);
    } finally {
      // Closed while the store was written: not this connection's slot any more.
      if (this.closed) hub.leave(identity.office, this);
    }
    if (this.closed) return;
    identity.sessionKey = relaySessionKey(
      this.exchange,
      identity.devicePublicKey,
      this.nonce,
      identity.office,
      identity.device
    );
    this.identity = identity;
    clearTimeout(this.deadline);
    this.bucket = hub.bucket(identity.office, identity.device, Date.now());
    this.ownCert = header.cert;
    const vector = await store.vector(identity.office);
    this.ctx.log('info', 'hello', {
      office: identity.office,
      device: identity.device,
      remote: this.remote
    });
    const floor = await store.floor(identity.office);
    this.reply({
      t: 'welcome',
      re: 0,
      vector,
      revocation: revocation?.version ?? pinned?.revocationVersion ?? 0,
      ...(Object.keys(floor).length ? { floor } : {})
    });
  }

  private async push(identity: Identity, header: Of<'push'>, body: Uint8Array): Promise<void> {
    const { store, hub, commits } = this.ctx;
    const { batch, n } = header;
    const own = batch.device === identity.device;
    const office = identity.office;
    // A device may forward another device's batch verbatim (multi-hop): it stays signed by its author.
    const held = await store.device(office, batch.device);
    const author = own ? identity.devicePublicKey : held?.publicKey;
    if (!author)
      return this.reject('unknown-device', `device ${batch.device} is not enrolled`, n, 'push');
    if (!own && (await store.office(office))?.revoked.has(batch.device)) {
      return this.reject('revoked', `device ${batch.device} is revoked`, n, 'push', {}, false);
    }
    if (!checkBatch(office, batch, body, author)) {
      return this.reject('bad-signature', 'batch signature does not match its author', n, 'push');
    }
    // Verified: the other devices get it now, while it is committed (they would get it from
    // the store otherwise; a batch lost in a crash is resent by its author, who has no ack).
    // The sender is acknowledged only after the commit, so an acknowledged batch is on disk.
    const stored = held?.high ?? 0;
    const bytes = (await store.officeBytes(office)) ?? 0;
    if (!this.ctx.storage.fits(body.length))
      return this.reject('quota-exceeded', 'the relay is full', n, 'push', { have: stored });
    const live =
      bytes + body.length <= this.ctx.limits.officeQuotaBytes &&
      hub.claimForward(office, batch, stored);
    if (live) {
      const cert = own ? this.ownCert : await certificateOf(store, office, batch.device);
      let frame: Uint8Array | undefined;
      const plain = (): Uint8Array => (frame ??= encodeFrame({ t: 'batch', batch }, body));
      for (const peer of hub.peers(office))
        if (peer !== this) peer.sendBatch(batch, body, plain, cert);
    }
    void commits
      .commit({ office, batch, body })
      .then((result) => {
        if (!result.ok) {
          if (live) hub.forgetForward(office, batch.device);
          // Storage unavailable (PostgreSQL restarting): the device waits a moment before resending.
          const retry = result.code === 'internal' ? { retryAfterMs: 1000 } : {};
          return this.reject(result.code, result.message, n, 'push', {
            have: result.have,
            ...retry
          });
        }
        this.ctx.storage.add(body.length);
        this.reply({ t: 'ack', re: n, device: batch.device, have: result.have });
      })
      .catch((error) => this.fail(error));
  }

  private async pull(identity: Identity, { n, vector }: Of<'pull'>): Promise<void> {
    const { store } = this.ctx;
    // What this device holds: batch pruning (prune.ts) waits until every device holds a range.
    await store.acknowledge(identity.office, identity.device, vector);
    for (const [device, high] of Object.entries(await store.vector(identity.office))) {
      let after = vector[device] ?? 0;
      while (after < high && !this.closed) {
        const rows = await store.batchesAfter(identity.office, device, after, PULL_PAGE);
        if (rows.length === 0) break;
        let sent: Promise<void> = Promise.resolve();
        for (const { body, ...batch } of rows) {
          const cert = await this.certificateField(batch.device);
          sent = this.sendAndWait(encodeFrame({ t: 'batch', re: n, batch, ...cert }, body));
        }
        await sent;
        after = rows[rows.length - 1].last;
      }
    }
    const floor = await store.floor(identity.office);
    this.reply({
      t: 'pulled',
      re: n,
      vector: await store.vector(identity.office),
      ...(Object.keys(floor).length ? { floor } : {})
    });
  }

  /** A snapshot covering `vector` is published: drop what every enrolled device holds of it. */
  private async prune(identity: Identity, { n, vector }: Of<'prune'>): Promise<void> {
    const pruned = await this.ctx.store.prune(identity.office, vector);
    if (pruned.bytes) this.ctx.storage.add(-pruned.bytes);
    if (pruned.batches)
      this.ctx.log('info', 'pruned', {
        office: identity.office,
        device: identity.device,
        batches: pruned.batches,
        bytes: pruned.bytes
      });
    this.reply({
      t: 'pruned',
      re: n,
      floor: pruned.floor,
      batches: pruned.batches,
      bytes: pruned.bytes
    });
  }

  private async signal(identity: Identity, { n, to, data }: Of<'signal'>): Promise<void> {
    const targets = [...this.ctx.hub.peers(identity.office)].filter(
      (peer) => peer.device === to && peer !== this
    );
    const { bus } = this.ctx;
    if (
      targets.length === 0 &&
      to !== identity.device &&
      bus &&
      (await bus.connectedElsewhere(identity.office, to))
    ) {
      // Connected to another relay process: passed through PostgreSQL (bus.ts).
      await bus.signal(identity.office, to, identity.device, data);
      return this.reply({ t: 'ok', re: n });
    }
    if (targets.length === 0)
      return this.reject(
        'not-connected',
        `device ${to} is not connected to this office`,
        n,
        'signal'
      );
    const frame = encodeFrame({ t: 'signal', from: identity.device, data });
    for (const peer of targets) peer.send(frame);
    this.reply({ t: 'ok', re: n });
  }

  private async blobPut(
    identity: Identity,
    { n, ttl }: Of<'blob-put'>,
    body: Uint8Array
  ): Promise<void> {
    if (body.length === 0) return this.reject('malformed', 'empty blob', n, 'blob-put');
    if (!this.ctx.storage.fits(body.length))
      return this.reject('quota-exceeded', 'the relay is full', n, 'blob-put');
    const hash = createHash('sha256').update(body).digest('hex');
    const expires = Date.now() + Math.min(ttl, this.ctx.limits.maxBlobTtlSeconds) * 1000;
    const stored = await this.ctx.store.putBlob(identity.office, hash, body, expires);
    if (!stored.ok) return this.reject(stored.code, stored.message, n, 'blob-put');
    this.ctx.storage.add(body.length);
    this.reply({ t: 'blob-stored', re: n, hash, expires });
  }

  private async blobGet({ n, hash }: Of<'blob-get'>): Promise<void> {
    const blob = await this.ctx.store.blob(hash, Date.now());
    // The hash is the capability (as for GET /b/<hash>); the content is encrypted anyway.
    if (!blob) return this.reject('not-found', `no blob ${hash}`, n, 'blob-get');
    this.reply({ t: 'blob', re: n, hash }, blob.body);
  }

  private async officeBlobPut(
    identity: Identity,
    { n, id, snapshot }: Of<'office-blob-put'>,
    body: Uint8Array
  ): Promise<void> {
    if (body.length === 0) return this.reject('malformed', 'empty blob', n, 'office-blob-put');
    if (!this.ctx.storage.fits(body.length))
      return this.reject('quota-exceeded', 'the relay is full', n, 'office-blob-put');
    const kind = snapshot ? 'snapshot' : 'file';
    const put = await this.ctx.store.officeBlobs.put(identity.office, id, body, Date.now(), kind);
    if (!put.ok) return this.reject(put.code, put.message, n, 'office-blob-put');
    this.ctx.storage.add(body.length);
    this.reply({ t: 'office-blob-stored', re: n, id });
  }

  private async officeBlobGet(identity: Identity, { n, id }: Of<'office-blob-get'>): Promise<void> {
    // Only the office's own devices, and only by an address derived with the office key.
    const body = await this.ctx.store.officeBlobs.get(identity.office, id);
    if (!body) return this.reject('not-found', `no office blob ${id}`, n, 'office-blob-get');
    this.reply({ t: 'office-blob', re: n, id }, body);
  }

  /** Old snapshots' pieces (issue 12 §5): this office's, by address, freed from its quota. */
  private async officeBlobDrop(
    identity: Identity,
    { n, ids }: Of<'office-blob-drop'>
  ): Promise<void> {
    // The store checks enrolment and revocation inside its transaction: a revocation that
    // another relay process applied a moment ago counts too.
    const dropped = await this.ctx.store.officeBlobs.drop(identity.office, identity.device, ids);
    if (!dropped.ok) return this.reject(dropped.code, dropped.message, n, 'office-blob-drop');
    if (dropped.bytes) {
      this.ctx.storage.add(-dropped.bytes);
      this.ctx.log('info', 'office-blobs-dropped', {
        office: identity.office,
        device: identity.device,
        pieces: dropped.ids.length,
        bytes: dropped.bytes
      });
    }
    this.reply({ t: 'office-blob-dropped', re: n, ids: dropped.ids, bytes: dropped.bytes });
  }

  private async revoke(identity: Identity, { n, revocation }: Of<'revoke'>): Promise<void> {
    const current = (await this.ctx.store.office(identity.office))?.revocationVersion ?? 0;
    if (revocation.version <= current) {
      return this.reject(
        'stale-revocation',
        `relay has revocation version ${current}`,
        n,
        'revoke'
      );
    }
    if (!verifyRevocation(identity.officePublicKey, identity.office, revocation)) {
      return this.reject(
        'bad-signature',
        'revocation list is not signed by the office key',
        n,
        'revoke'
      );
    }
    await this.applyRevocation(identity.office, revocation.version, revocation.devices);
    this.reply({ t: 'ok', re: n });
  }

  private async applyRevocation(office: string, version: number, devices: string[]): Promise<void> {
    await this.ctx.store.setRevocation(office, version, devices);
    this.ctx.log('info', 'revocation', { office, version, devices: devices.length });
    const revoked = new Set(devices);
    for (const peer of [...this.ctx.hub.peers(office)]) {
      if (peer.device && revoked.has(peer.device))
        peer.kick('revoked', `device ${peer.device} was revoked`);
    }
    await this.ctx.bus?.revoked(office); // and on the other relay processes
  }

  private async pairOpen({ n, pairing, role }: Of<'pair-open'>): Promise<void> {
    const result = await this.ctx.pairing.open(pairing, role, this, Date.now(), this.remote);
    if (result !== 'ok') return this.reject(result, pairingRefusal(result, role), n, 'pair-open');
    if (this.closed) return this.ctx.pairing.release(this, [pairing]);
    this.opened(pairing);
    this.reply({ t: 'ok', re: n });
  }

  private async pairSend({ n, pairing, role }: Of<'pair-send'>, body: Uint8Array): Promise<void> {
    if (body.length > MAX_PAIRING_MESSAGE)
      return this.reject(
        'too-large',
        `pairing message above ${MAX_PAIRING_MESSAGE} bytes`,
        n,
        'pair-send'
      );
    const result = await this.ctx.pairing.send(pairing, role, body, Date.now(), this.remote);
    if (result !== 'ok') return this.reject(result, pairingRefusal(result, role), n, 'pair-send');
    this.opened(pairing);
    this.reply({ t: 'ok', re: n });
  }

  /** A pairing connection has no hello: it may stay until its mailbox is over. */
  private opened(pairing: string): void {
    this.pairings.add(pairing);
    if (!this.identity)
      this.arm(this.ctx.limits.pairingTtlSeconds * 1000 + this.ctx.guards.helloTimeoutMs);
  }
}

/** A device's certificate as the store holds it, in wire form. */
async function certificateOf(
  store: RelayStore,
  office: string,
  device: string
): Promise<DeviceCertificate | undefined> {
  const known = await store.certificate(office, device);
  return known && { device, key: toBase64Url(known.key), sig: known.sig };
}

function pairingRefusal(result: PairingRefusal, role: string): string {
  switch (result) {
    case 'not-found':
      return 'pairing expired or used';
    case 'pairing-taken':
      return `role ${role} already taken`;
    case 'too-large':
      return 'pairing mailbox full';
    case 'rate-limited':
      return 'too many pairing mailboxes from this address';
  }
}
