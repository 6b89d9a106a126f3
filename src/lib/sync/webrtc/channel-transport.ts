import { TransportEvents, type Transport } from '../transport';

/** Largest frame we send: Chromium and Safari accept 256 KiB messages on a data channel. */
export const MAX_CHANNEL_FRAME_BYTES = 256 * 1024;
/** Sending waits while more than this is queued in the channel… */
export const HIGH_WATER_BYTES = 1024 * 1024;
/** …until the queue drains below this (`bufferedamountlow`). */
export const LOW_WATER_BYTES = 256 * 1024;
/** ICE "disconnected" often recovers (Wi-Fi roaming); give it this long before giving up. */
const DISCONNECTED_GRACE_MS = 8000;

/** The parts of RTCDataChannel / RTCPeerConnection used here (fakes in tests). */
export interface DataChannelLike extends Pick<
  RTCDataChannel,
  | 'readyState'
  | 'bufferedAmount'
  | 'bufferedAmountLowThreshold'
  | 'binaryType'
  | 'close'
  | 'addEventListener'
  | 'removeEventListener'
> {
  send(data: Uint8Array<ArrayBuffer>): void;
}
export interface PeerConnectionLike {
  readonly connectionState: RTCPeerConnectionState;
  readonly sctp: { readonly maxMessageSize: number } | null;
  addEventListener(type: 'connectionstatechange', listener: () => void): void;
  close(): void;
}

/**
 * A WebRTC data channel as a sync `Transport` (kind `direct`): one frame = one binary
 * message, frames cut below the channel's max message size (≤ 256 KiB), back-pressure
 * through `bufferedAmountLowThreshold`, and closed for good when the channel or the
 * connection dies (the caller opens a new one to reconnect).
 */
export function channelTransport(
  channel: DataChannelLike,
  connection?: PeerConnectionLike
): Transport {
  const events = new TransportEvents();
  let disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  channel.binaryType = 'arraybuffer';
  channel.bufferedAmountLowThreshold = LOW_WATER_BYTES;

  const end = (reason: string): void => {
    clearTimeout(disconnectedTimer);
    events.close(reason);
    channel.close();
    connection?.close();
  };
  const maxFrameBytes = (): number => {
    const sctpMax = connection?.sctp?.maxMessageSize;
    // 0 means "no limit" in the spec; an unknown size falls back to the safe 256 KiB.
    return sctpMax ? Math.min(sctpMax, MAX_CHANNEL_FRAME_BYTES) : MAX_CHANNEL_FRAME_BYTES;
  };

  channel.addEventListener('open', () => events.open());
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    // Text messages are not part of the protocol: ignore rather than guess.
    if (event.data instanceof ArrayBuffer) events.frame(new Uint8Array(event.data));
  });
  channel.addEventListener('close', () => end('channel-closed'));
  channel.addEventListener('error', () => end('channel-error'));
  connection?.addEventListener('connectionstatechange', () => {
    const state = connection.connectionState;
    clearTimeout(disconnectedTimer);
    if (state === 'failed' || state === 'closed') end(`connection-${state}`);
    else if (state === 'disconnected')
      disconnectedTimer = setTimeout(() => end('connection-lost'), DISCONNECTED_GRACE_MS);
  });
  if (channel.readyState === 'open') events.open();

  return {
    kind: 'direct',
    get maxFrameBytes() {
      return maxFrameBytes();
    },
    isOpen: () => events.isOpen && channel.readyState === 'open',
    send(frame) {
      if (frame.length > maxFrameBytes())
        throw new Error(
          `frame of ${frame.length} bytes above the channel limit ${maxFrameBytes()}`
        );
      try {
        channel.send(frame as Uint8Array<ArrayBuffer>);
      } catch (error) {
        // The channel closed under us (or its queue overflowed): the session ends, a new one resumes.
        end(`send-failed: ${String(error)}`);
      }
    },
    listen: (listener) => events.listen(listener),
    whenWritable() {
      if (channel.bufferedAmount <= HIGH_WATER_BYTES || !events.isOpen) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = (): void => {
          channel.removeEventListener('bufferedamountlow', done);
          channel.removeEventListener('close', done);
          resolve();
        };
        channel.addEventListener('bufferedamountlow', done);
        channel.addEventListener('close', done);
      });
    },
    close(reason = 'closed') {
      end(reason);
    }
  };
}
