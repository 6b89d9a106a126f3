import type { VersionVector } from '$lib/oplog/format';
import type { SyncPhase } from './api';
import { deviceSessionKey, fromBase64Url, toBase64Url, type RevocationList } from './crypto';
import type { SyncEngine } from './engine';
import {
  decodeFrame,
  encodeMacFrame,
  encodeSignedFrame,
  PROTOCOL_VERSION,
  relayHeaderSchema,
  type ClientHeader,
  type RelayHeader
} from './protocol';
import type { SealedBatch } from './seal';
import { joinFromSnapshot } from './snapshot-relay';
import { learnSigner } from './signers';
import { syncLog } from './sync-log';
import type { Transport } from './transport';

export interface RelaySessionEvents {
  onPhase?(phase: SyncPhase): void;
  /** What the relay holds of this device's own ops (for "pending changes"). */
  onRelayHave?(have: number): void;
  /** Catch-up progress: ops applied of those the relay had that we lacked at connect. */
  onProgress?(done: number, total: number): void;
  onSignal?(from: string, data: unknown): void;
  /** What the relay holds (welcome, each pull's answer): compaction waits for it. */
  onRelayVector?(vector: VersionVector): void;
  /** A part of a snapshot merged while joining (0: the desk's own data). */
  onSnapshotPart?(part: number): void;
  /** The relay refused this device for good (revoked, not enrolled): stop reconnecting. */
  onRefused?(code: string, message: string): void;
  /** A pull's batches are applied as they arrive, every this many bytes (tests: 1). */
  pullFlushBytes?: number;
}

export interface RelaySession {
  readonly phase: SyncPhase;
  readonly done: Promise<void>;
  signal(to: string, data: unknown): Promise<boolean>;
  revoke(list: RevocationList): Promise<boolean>;
  /** A request of this device (office blobs, blob-relay.ts): the relay's answer and its body. */
  ask(header: Outgoing, body?: Uint8Array): Promise<{ header: RelayHeader; body: Uint8Array }>;
  close(reason?: string): void;
}

export type Outgoing = ClientHeader extends infer H
  ? H extends { n: number }
    ? Omit<H, 'n'>
    : never
  : never;

const PUSH_WINDOW = 8; // pushes in flight: enough to hide the relay's fsync per group commit
const PULL_FLUSH_BYTES = 1024 * 1024; // ~15k ops per transaction: large, yet the progress bar moves
const PERMANENT = new Set(['revoked', 'not-enrolled', 'wrong-office']);

/**
 * This device ↔ the relay (protocol in src/relay/README.md): hello with the device
 * certificate, push own ops above what the relay holds (signed by this device, the relay
 * accepts no other author's from us), pull what we lack, then live batches both ways.
 */
export function runRelaySession(
  engine: SyncEngine,
  transport: Transport,
  events: RelaySessionEvents = {}
): RelaySession {
  let phase: SyncPhase = 'connecting';
  let nonce: Uint8Array | undefined;
  let sessionKey: Uint8Array | undefined; // frames after the hello carry its MAC
  let maxBody = 1024 * 1024;
  let counter = 0;
  let relayHave = 0;
  let progress = { done: 0, total: 0 };
  const waiting = new Map<number, (header: RelayHeader, body: Uint8Array) => void>();
  const pulled = new Map<number, SealedBatch[]>();
  let pulledBytes = 0;
  type Received = { gaps: boolean; missingKey: boolean };
  /** Per pull: its applies started while it streamed (see the 'batch' frame). */
  const flushed = new Map<number, Promise<Received>>();
  const flushBytes = events.pullFlushBytes ?? PULL_FLUSH_BYTES;
  let live: SealedBatch[] = [];
  let joining = false;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (resolveDone = resolve));

  const setPhase = (next: SyncPhase): void => {
    phase = next;
    events.onPhase?.(next);
  };

  function ask(
    header: Outgoing,
    body: Uint8Array = new Uint8Array(0)
  ): Promise<{ header: RelayHeader; body: Uint8Array }> {
    const n = ++counter;
    const full = { ...header, n } as ClientHeader;
    const reply = new Promise<{ header: RelayHeader; body: Uint8Array }>((resolve) =>
      waiting.set(n, (header, body) => resolve({ header, body }))
    );
    if (!transport.isOpen() || !sessionKey) {
      waiting.delete(n);
      const header: RelayHeader = { t: 'error', code: 'internal', message: 'not connected' };
      return Promise.resolve({ header, body: new Uint8Array(0) });
    }
    transport.send(encodeMacFrame(full, body, sessionKey, engine.device));
    return reply;
  }

  async function request(header: Outgoing, body?: Uint8Array): Promise<RelayHeader> {
    return (await ask(header, body)).header;
  }

  // ---- push own ops ----------------------------------------------------------------
  let pushing = false;
  let pushAgain = false;
  async function push(): Promise<void> {
    if (phase === 'connecting' || phase === 'closed') return;
    if (pushing) return void (pushAgain = true);
    pushing = true;
    try {
      do {
        pushAgain = false;
        const inFlight = new Set<Promise<void>>();
        let restart = false;
        for await (const batch of engine.outgoing(
          { [engine.device]: relayHave },
          { maxBodyBytes: maxBody, onlyOwn: true, certificate: false }
        )) {
          if (restart || !transport.isOpen()) break;
          const sent = request({ t: 'push', batch: batch.meta }, batch.body).then(async (reply) => {
            if (reply.t === 'ack') setHave(reply.have);
            else if (reply.t === 'error') {
              if (reply.have !== undefined) setHave(reply.have, true);
              // Rate-limited, or the relay's storage briefly away: wait as the relay asks.
              if (reply.code === 'rate-limited' || reply.retryAfterMs !== undefined)
                await new Promise((r) => setTimeout(r, reply.retryAfterMs ?? 1000));
              restart = true;
            }
          });
          const tracked = sent.finally(() => inFlight.delete(tracked));
          inFlight.add(tracked);
          if (inFlight.size >= PUSH_WINDOW) await Promise.race(inFlight);
          await transport.whenWritable?.();
        }
        await Promise.all(inFlight);
        if (restart) pushAgain = true;
      } while (pushAgain && transport.isOpen());
    } catch (error) {
      syncLog('push-failed', { error: String(error) });
    } finally {
      pushing = false;
    }
  }

  function setHave(have: number, exact = false): void {
    relayHave = exact ? have : Math.max(relayHave, have);
    events.onRelayHave?.(relayHave);
  }

  // ---- pull and receive ---------------------------------------------------------------
  let lastPullVector = '';
  async function pull(): Promise<void> {
    const vector = await engine.vector();
    lastPullVector = JSON.stringify(vector);
    const n = counter + 1;
    const reply = await request({ t: 'pull', vector });
    if (reply.t === 'pulled') events.onRelayVector?.(reply.vector);
    const batches = pulled.get(n) ?? [];
    pulled.delete(n);
    pulledBytes = 0;
    // The pull is done when every batch it brought is applied, those applied while it
    // streamed too: when the last batch had just been flushed the rest was empty, and the
    // session went live mid catch-up — it then published a snapshot of half the office and
    // the relay pruned by it (issue 12, sync-snapshot-large).
    const earlier = flushed.get(n);
    flushed.delete(n);
    const rest = await receive(batches);
    const before = await (earlier ?? rest);
    const result = {
      gaps: rest.gaps || before.gaps,
      missingKey: rest.missingKey || before.missingKey
    };
    if (reply.t !== 'pulled') return;
    // A gap (a batch the relay lacked, a key we lacked): ask again once our vector moved.
    const now = JSON.stringify(await engine.vector());
    if ((result.gaps || result.missingKey) && now !== lastPullVector) return pull();
    // What we hold now: the relay prunes a range only once every device holds it.
    if (now !== lastPullVector)
      void request({ t: 'holds', vector: JSON.parse(now) as VersionVector }).catch(() => undefined);
    // The derived data a large catch-up left behind is built now (the board said 整理中).
    void engine.settle().catch(() => undefined);
    setPhase('live');
    events.onProgress?.(progress.total, progress.total);
  }

  async function receive(batches: SealedBatch[]): Promise<{ gaps: boolean; missingKey: boolean }> {
    if (!batches.length) return { gaps: false, missingKey: false };
    const result = await engine.receive(batches, 'relay', { catchUp: phase === 'catching-up' });
    progress.done += result.applied;
    if (phase === 'catching-up') events.onProgress?.(progress.done, progress.total);
    return result;
  }

  let receivingLive = false;
  async function receiveLive(): Promise<void> {
    if (receivingLive) return;
    receivingLive = true;
    try {
      while (live.length) {
        const batches = live;
        live = [];
        const result = await receive(batches);
        if (result.gaps || result.missingKey) void pull();
      }
    } finally {
      receivingLive = false;
    }
  }

  async function onWelcome(header: Extract<RelayHeader, { t: 'welcome' }>): Promise<void> {
    // Before any await: a live batch arriving meanwhile must not start a pull from nothing.
    joining = true;
    const release = engine.holdForJoin();
    let mine: VersionVector;
    try {
      mine = await engine.vector();
    } catch (error) {
      joining = false;
      release();
      throw error;
    }
    events.onRelayVector?.(header.vector);
    setHave(header.vector[engine.device] ?? 0, true);
    setPhase('catching-up');
    // A new device starts from the newest snapshot when there is much to catch up
    // (snapshot-relay.ts); live batches meanwhile are dropped, the pull brings them.
    let base = 0;
    try {
      const joined = await joinFromSnapshot(
        { ask },
        engine.keys,
        engine.db,
        mine,
        header.vector,
        (done, total) => events.onProgress?.(done, total),
        (part) => events.onSnapshotPart?.(part),
        header.floor
      );
      if (joined) {
        base = joined.rows;
        mine = await engine.vector();
      }
    } finally {
      joining = false;
      release();
    }
    progress = {
      done: base,
      total:
        base +
        Object.entries(header.vector).reduce(
          (sum, [device, have]) =>
            device === engine.device ? sum : sum + Math.max(0, have - (mine[device] ?? 0)),
          0
        )
    };
    // The bar shows from the start, not only once the first large apply is done.
    events.onProgress?.(progress.done, progress.total);
    const revocation = engine.keys.revocation;
    if (revocation && revocation.version > header.revocation)
      void request({ t: 'revoke', revocation });
    void push();
    await pull();
  }

  const unlisten = transport.listen({
    open() {},
    frame(bytes) {
      let header: RelayHeader;
      let body: Uint8Array;
      try {
        const frame = decodeFrame(bytes);
        header = relayHeaderSchema.parse(frame.header);
        body = frame.body.slice();
      } catch (error) {
        return syncLog('reject', { from: 'relay', reason: 'malformed', message: String(error) });
      }
      if (header.t === 'challenge') {
        nonce = fromBase64Url(header.nonce);
        maxBody = header.maxBodyBytes;
        const keys = engine.keys;
        try {
          const kx = fromBase64Url(header.kx);
          sessionKey = deviceSessionKey(keys.deviceSecret, kx, nonce, keys.office, keys.device);
        } catch (error) {
          return fail(error);
        }
        const hello: ClientHeader = {
          t: 'hello',
          n: 0,
          v: PROTOCOL_VERSION,
          office: keys.office,
          device: keys.device,
          officeKey: toBase64Url(keys.officePublic),
          cert: keys.cert,
          ...(keys.revocation ? { revocation: keys.revocation } : {})
        };
        waiting.set(0, (reply) => {
          if (reply.t === 'welcome') void onWelcome(reply).catch((e: unknown) => fail(e));
        });
        transport.send(encodeSignedFrame(hello, new Uint8Array(0), nonce, keys.deviceSecret));
        return;
      }
      if (header.t === 'batch') {
        if (header.cert && !learnSigner(engine.keys, header.cert))
          syncLog('reject', {
            from: 'relay',
            reason: 'bad-certificate',
            device: header.cert.device
          });
        const batch = { meta: header.batch, body };
        if (header.re === undefined) {
          if (joining) return;
          live.push(batch);
          void receiveLive();
        } else {
          const list = pulled.get(header.re) ?? [];
          list.push(batch);
          pulled.set(header.re, list);
          pulledBytes += body.length;
          // A long catch-up is applied as it arrives, in large transactions.
          if (pulledBytes >= flushBytes) {
            pulled.set(header.re, []);
            pulledBytes = 0;
            const re = header.re;
            const before = flushed.get(re);
            const applied = receive(list).catch((error: unknown): Received => {
              syncLog('receive-failed', { error: String(error) });
              return { gaps: true, missingKey: false }; // asked again once the vector moved
            });
            flushed.set(
              re,
              before
                ? Promise.all([before, applied]).then(([a, b]) => ({
                    gaps: a.gaps || b.gaps,
                    missingKey: a.missingKey || b.missingKey
                  }))
                : applied
            );
          }
        }
        return;
      }
      if (header.t === 'signal') return events.onSignal?.(header.from, header.data);
      if (header.t === 'pair-msg') return;
      if (header.t === 'error') {
        syncLog('relay-error', { code: header.code, message: header.message });
        if (PERMANENT.has(header.code)) events.onRefused?.(header.code, header.message);
      }
      const re = 're' in header ? header.re : undefined;
      const waiter = re !== undefined ? waiting.get(re) : undefined;
      if (re !== undefined && waiter) {
        waiting.delete(re);
        waiter(header, body);
      }
    },
    close(reason) {
      for (const waiter of waiting.values())
        waiter({ t: 'error', code: 'internal', message: reason }, new Uint8Array(0));
      waiting.clear();
      finish();
    }
  });

  function fail(error: unknown): void {
    syncLog('relay-session-failed', { error: String(error) });
    transport.close('failed');
  }

  const unlistenChange = engine.onChange(() => void push());
  const unlistenKeys = engine.onKeys(() => void pull());
  function finish(): void {
    if (phase === 'closed') return;
    setPhase('closed');
    unlistenChange();
    unlistenKeys();
    unlisten();
    resolveDone();
  }

  return {
    get phase() {
      return phase;
    },
    done,
    async signal(to, data) {
      return (await request({ t: 'signal', to, data })).t === 'ok';
    },
    async revoke(revocation) {
      const reply = await request({ t: 'revoke', revocation });
      return reply.t === 'ok' || (reply.t === 'error' && reply.code === 'stale-revocation');
    },
    ask,
    close(reason = 'closed') {
      transport.close(reason);
      finish();
    }
  };
}

export type { VersionVector };
