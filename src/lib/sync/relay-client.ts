import type { SyncPhase } from './api';
import type { SyncEngine } from './engine';
import { runRelaySession, type RelaySession, type RelaySessionEvents } from './relay-session';
import { websocketTransport, type WebSocketClass } from './websocket-transport';

export interface RelayClientOptions extends RelaySessionEvents {
  Socket?: WebSocketClass;
  /** Backoff bounds between reconnect attempts (ms). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface RelayClient {
  readonly session: RelaySession | undefined;
  /** Stop for now (the "offline" switch, tests); `resume` reconnects. */
  pause(): void;
  resume(): void;
  stop(): void;
}

/**
 * Keeps one relay session up: reconnects after any close with exponential backoff and
 * jitter (1 s → 10 s: knocking on a relay is cheap), at once when the browser says it is back online, and never after
 * the relay refused this device for good (revoked).
 */
export function startRelayClient(
  engine: SyncEngine,
  url: string,
  options: RelayClientOptions = {}
): RelayClient {
  const min = options.minDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 10_000;
  let session: RelaySession | undefined;
  let delay = min;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let paused = false;
  let refused = false;

  const connect = (): void => {
    timer = undefined;
    if (stopped || paused || refused || session) return;
    const transport = websocketTransport(url, options.Socket);
    let reachedLive = false;
    const current = runRelaySession(engine, transport, {
      ...options,
      onPhase(phase: SyncPhase) {
        if (phase === 'live') {
          reachedLive = true;
          delay = min;
        }
        options.onPhase?.(phase);
      },
      onRefused(code, message) {
        refused = true;
        options.onRefused?.(code, message);
      }
    });
    session = current;
    void current.done.then(() => {
      if (session === current) session = undefined;
      if (!reachedLive) delay = Math.min(max, delay * 2);
      schedule();
    });
  };
  const schedule = (): void => {
    if (stopped || paused || refused || timer) return;
    timer = setTimeout(connect, delay * (0.75 + Math.random() * 0.5));
  };
  const online = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    delay = min;
    connect();
  };
  globalThis.addEventListener?.('online', online);
  connect();

  return {
    get session() {
      return session;
    },
    pause() {
      paused = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      session?.close('paused');
    },
    resume() {
      paused = false;
      online();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      globalThis.removeEventListener?.('online', online);
      session?.close('stopped');
    }
  };
}
