import { database } from '$lib/db/database';
import type { PeerSession, SyncApi } from '../api';
import { randomBytes, toBase64Url } from '../crypto';
import type { OfficeKeys } from '../office-keys';
import { syncLog } from '../sync-log';
import { loadIceServers } from './ice-servers';
import { PeerLink, type PeerLinkOptions } from './peer-link';
import { SignalClock } from './signal-clock';
import { openSignal, sealSignal, SignalRefused, type SignalBody } from './signal-seal';

export interface DirectSyncOptions {
  /** This device's keys (current epoch, certificate): seals and opens the signalling. */
  keys(): OfficeKeys | Promise<OfficeKeys>;
  /**
   * STUN/TURN for offices whose tablets are not on one LAN, or where to read them (re-read
   * on every round, so a change needs no restart). Default: the device-local setting
   * (ice-servers.ts) of the app's database, which is empty: host candidates only.
   */
  iceServers?: RTCIceServer[] | (() => Promise<RTCIceServer[]>);
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  /** First retry after a failed attempt; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How often to look for devices without a channel. */
  tickMs?: number;
  /** An attempt whose channel has not opened by then is abandoned. */
  attemptTimeoutMs?: number;
  gatherTimeoutMs?: number;
  now?: () => number;
}

export interface DirectSync {
  /** Devices with an open channel and a running sync session. */
  connected(): string[];
  /** Try every device without a channel now (e.g. the relay session just came back). */
  nudge(): void;
  stop(): void;
}

/** A channel open at least this long counts as having worked (its attempts start over). */
const STABLE_MS = 5000;

interface PeerState {
  link?: PeerLink;
  session?: PeerSession;
  openedAt: number;
  attempts: number;
  nextAt: number;
}

/**
 * Direct channels to the office's other online devices (issue #4 item 5). Signalling goes
 * through the relay (`api.signal`), sealed and signed (signal-seal.ts); once a channel is
 * open, `api.connect` runs the device-to-device sync over it, which then carries on if the
 * relay goes away.
 *
 * Who offers: the device with the lower id, always, so two devices never offer to each
 * other at once (no glare). A device without a channel "knocks" (a tiny sealed signal):
 * the lower id answers a knock with an offer; a knock that reaches a higher id tells the
 * lower id it may offer now. Failed attempts back off; a dropped channel is retried at once.
 */
export function startDirectSync(api: SyncApi, options: DirectSyncOptions): DirectSync {
  const now = options.now ?? Date.now;
  const retryMs = options.retryMs ?? 1000;
  const maxRetryMs = options.maxRetryMs ?? 15_000;
  const tickMs = options.tickMs ?? 2000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
  const create =
    options.createPeerConnection ??
    (typeof RTCPeerConnection === 'function'
      ? (config: RTCConfiguration) => new RTCPeerConnection(config)
      : undefined);
  if (!create) {
    syncLog('direct-unavailable', { reason: 'no RTCPeerConnection' });
    return { connected: () => [], nudge() {}, stop() {} };
  }
  const iceSource = options.iceServers ?? (() => loadIceServers(database()));
  const linkOptions: PeerLinkOptions = {
    iceServers: Array.isArray(iceSource) ? iceSource : [],
    gatherTimeoutMs: options.gatherTimeoutMs ?? 2000,
    createPeerConnection: create
  };
  const peers = new Map<string, PeerState>();
  const clock = new SignalClock(now);
  let stopped = false;
  let ticking = false;
  /** A tick was asked for while one ran: run again right after. */
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;

  const stateOf = (peer: string): PeerState => {
    let state = peers.get(peer);
    if (!state) peers.set(peer, (state = { attempts: 0, nextAt: 0, openedAt: 0 }));
    return state;
  };
  const offersTo = (peer: string): boolean => api.device < peer;
  const backOff = (state: PeerState): void => {
    state.nextAt = now() + Math.min(maxRetryMs, retryMs * 2 ** state.attempts);
    state.attempts++;
  };

  async function send(peer: string, body: SignalBody): Promise<boolean> {
    const sealed = await sealSignal(await options.keys(), peer, body, clock.stamp());
    return api.signal(peer, sealed);
  }

  /** Forget `link` (if still current) and plan the next attempt. */
  function drop(peer: string, link: PeerLink, reason: string): void {
    const state = stateOf(peer);
    link.close(reason);
    if (state.link !== link) return;
    // A channel that worked for a while is retried at once; a failed attempt, or a channel
    // that keeps dying as soon as it opens, waits longer each time.
    const worked = state.session !== undefined && now() - state.openedAt >= STABLE_MS;
    state.link = undefined;
    state.session = undefined;
    syncLog('direct-closed', { peer, reason });
    if (stopped) return;
    if (worked) {
      state.attempts = 0;
      state.nextAt = now();
    } else if (state.nextAt <= now()) backOff(state);
    schedule(Math.max(0, state.nextAt - now()));
  }

  /** Start an attempt: the new link replaces any older one with this peer. */
  function begin(peer: string, session: string): PeerLink {
    const state = stateOf(peer);
    const old = state.link;
    state.link = undefined;
    state.session = undefined;
    old?.close('replaced');
    const link = new PeerLink(peer, session, linkOptions);
    state.link = link;
    const timeout = setTimeout(() => drop(peer, link, 'timeout'), attemptTimeoutMs);
    link.opened.then(
      () => {
        clearTimeout(timeout);
        if (stopped || state.link !== link) return link.close('superseded');
        state.openedAt = now();
        state.session = api.connect(link.transport);
        syncLog('direct-open', { peer });
        void state.session.done.then(() => drop(peer, link, 'session-ended'));
      },
      () => {
        clearTimeout(timeout);
        drop(peer, link, 'failed');
      }
    );
    return link;
  }

  async function offer(peer: string): Promise<void> {
    const link = begin(peer, toBase64Url(randomBytes(16)));
    try {
      const sdp = await link.offer();
      if (stateOf(peer).link !== link) return;
      if (!(await send(peer, { t: 'offer', s: link.session, sdp })))
        drop(peer, link, 'unreachable');
    } catch (error) {
      drop(peer, link, `offer-failed: ${String(error)}`);
    }
  }

  async function answer(peer: string, session: string, offerSdp: string): Promise<void> {
    const link = begin(peer, session);
    try {
      const sdp = await link.answer(offerSdp);
      if (stateOf(peer).link !== link) return;
      if (!(await send(peer, { t: 'answer', s: session, sdp }))) drop(peer, link, 'unreachable');
    } catch (error) {
      drop(peer, link, `answer-failed: ${String(error)}`);
    }
  }

  async function receive(from: string, data: unknown): Promise<void> {
    // The relay's signalling also carries the collab layer's sealed awareness ({eph: 1}).
    if ((data as { eph?: unknown } | null)?.eph === 1) return;
    let body: SignalBody;
    try {
      const opened = await openSignal(await options.keys(), from, data);
      body = opened.body;
      if (body.t !== 'answer' && !clock.accept(from, opened.at))
        return syncLog('reject', { from, channel: 'rtc-signal', reason: 'replay', t: body.t });
    } catch (error) {
      const reason = error instanceof SignalRefused ? error.reason : 'error';
      return syncLog('reject', { from, channel: 'rtc-signal', reason, message: String(error) });
    }
    if (stopped) return;
    const state = stateOf(from);
    if (body.t === 'knock') {
      if (!offersTo(from)) return; // it offers to us
      if (state.link && !state.session) return; // our offer is on its way
      // It has no channel to us: whatever we hold is stale.
      return offer(from);
    }
    if (body.t === 'offer') {
      if (offersTo(from))
        return syncLog('reject', { from, channel: 'rtc-signal', reason: 'wrong-role' });
      return answer(from, body.s, body.sdp);
    }
    const link = state.link;
    if (!link || link.session !== body.s || state.session)
      return syncLog('direct-stale-answer', { from });
    try {
      await link.accept(body.sdp);
    } catch (error) {
      drop(from, link, `accept-failed: ${String(error)}`);
    }
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    if (ticking) return void (again = true);
    ticking = true;
    again = false;
    try {
      if (typeof iceSource === 'function') linkOptions.iceServers = await iceSource();
      const others = new Set(await api.otherDevices());
      for (const [peer, state] of peers)
        if (!others.has(peer)) {
          // Removed from the office: no channel to it any more.
          if (state.link) drop(peer, state.link, 'removed');
          peers.delete(peer);
        }
      for (const peer of others) {
        const state = stateOf(peer);
        if (stopped || state.link || now() < state.nextAt) continue;
        backOff(state); // the next try, should this one lead nowhere
        const reached = await send(peer, { t: 'knock' });
        if (reached && offersTo(peer) && !stateOf(peer).link) await offer(peer);
      }
    } catch (error) {
      syncLog('direct-failed', { error: String(error) });
    } finally {
      ticking = false;
      schedule(again ? 0 : tickMs);
    }
  }

  /** The next tick in `ms`, unless one is already due sooner. */
  function schedule(ms: number): void {
    if (stopped || now() + ms >= timerAt) return;
    clearTimeout(timer);
    timerAt = now() + ms;
    timer = setTimeout(() => {
      timerAt = Infinity;
      void tick();
    }, ms);
  }

  const unlisten = api.onSignal((from, data) => void receive(from, data));
  schedule(0);

  return {
    connected: () =>
      [...peers].filter(([, state]) => state.session !== undefined).map(([peer]) => peer),
    nudge() {
      for (const state of peers.values()) if (!state.link) state.nextAt = 0;
      schedule(0);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      unlisten();
      for (const [peer, state] of peers) if (state.link) drop(peer, state.link, 'stopped');
      peers.clear();
    }
  };
}
