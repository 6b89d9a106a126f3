/**
 * A Transport is a pipe of binary frames between this device and one other party: the
 * relay's WebSocket, a WebRTC data channel to another tablet, or a file being written or
 * read. The sync sessions (relay-session.ts, peer-session.ts) run on top of it and know
 * nothing of how the bytes travel; a transport knows nothing of what they mean.
 *
 * Contract:
 * - `send` is only called while `isOpen()`; frames arrive whole and in order (one frame =
 *   one WebSocket message / one data-channel message / one record of a file).
 * - `open` fires once when frames can flow (immediately after `listen` if already open);
 *   `close` fires once, after which the transport is dead: reconnecting makes a new one.
 * - `maxFrameBytes` is the largest frame the other side accepts; sessions cut batches below it.
 * - `whenWritable` (optional) resolves when the send buffer has room again (data channels:
 *   `bufferedAmountLow`), so a catch-up of 100k ops does not queue everything in memory.
 */
export type TransportKind = 'relay' | 'direct' | 'file' | 'memory';

export interface TransportListener {
  open(): void;
  frame(frame: Uint8Array): void;
  close(reason: string): void;
}

export interface Transport {
  readonly kind: TransportKind;
  readonly maxFrameBytes: number;
  isOpen(): boolean;
  send(frame: Uint8Array): void;
  /** Sets the one listener (a session); returns a function that removes it. */
  listen(listener: TransportListener): () => void;
  whenWritable?(): Promise<void>;
  close(reason?: string): void;
}

/** Helper for transport authors: one listener, open/close delivered once each. */
export class TransportEvents {
  private listener: TransportListener | undefined;
  private opened = false;
  private closed: string | undefined;

  listen(listener: TransportListener): () => void {
    this.listener = listener;
    if (this.opened && this.closed === undefined) queueMicrotask(() => listener.open());
    if (this.closed !== undefined) {
      const reason = this.closed;
      queueMicrotask(() => listener.close(reason));
    }
    return () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }

  get isOpen(): boolean {
    return this.opened && this.closed === undefined;
  }

  open(): void {
    if (this.opened || this.closed !== undefined) return;
    this.opened = true;
    this.listener?.open();
  }

  frame(frame: Uint8Array): void {
    if (this.closed === undefined) this.listener?.frame(frame);
  }

  close(reason: string): void {
    if (this.closed !== undefined) return;
    this.closed = reason;
    this.listener?.close(reason);
  }
}
