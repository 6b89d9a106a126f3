import type { Transport } from './transport';

/**
 * What the rest of the app (and the WebRTC transport in webrtc/) uses of sync. The
 * implementation is `startSync()` in service.ts; `sync()` returns the running one.
 */
export type SyncPhase = 'connecting' | 'catching-up' | 'live' | 'closed';

export interface PeerSession {
  /** The other device's id, once its hello has been verified. */
  readonly peer: string | undefined;
  readonly phase: SyncPhase;
  /** Resolves when the session ends (transport closed, or the peer refused). */
  readonly done: Promise<void>;
  close(reason?: string): void;
}

export interface SignalListener {
  (from: string, data: unknown): void;
}

export interface SyncApi {
  /** This device's id (also its id at the relay and in the op log). */
  readonly device: string;
  /** The office id (derived from the office's public signing key). */
  readonly office: string;
  /**
   * Run the device-to-device sync protocol over a transport (a WebRTC data channel, a
   * memory pipe). Both ends call this with their end of the pipe. The session verifies the
   * other device's certificate, exchanges version vectors, sends what the other lacks,
   * then pushes new writes live until the transport closes. Counted as "direct" in the
   * status while open.
   */
  connect(transport: Transport): PeerSession;
  /** Relay signalling (WebRTC offer/answer/ICE): false if the relay is down or `to` is offline. */
  signal(to: string, data: unknown): Promise<boolean>;
  onSignal(listener: SignalListener): () => void;
  /** The other devices of the office that are not removed (candidates for a direct channel). */
  otherDevices(): Promise<string[]>;
}
