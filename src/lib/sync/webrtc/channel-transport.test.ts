import { describe, expect, it, vi } from 'vitest';
import type { TransportListener } from '../transport';
import { channelTransport, HIGH_WATER_BYTES, LOW_WATER_BYTES } from './channel-transport';
import { FakeDataChannel } from './fake-rtc';

function listener(): TransportListener & { frames: Uint8Array[]; closes: string[]; opens: number } {
  const l = {
    frames: [] as Uint8Array[],
    closes: [] as string[],
    opens: 0,
    open: () => void l.opens++,
    frame: (f: Uint8Array) => void l.frames.push(f),
    close: (reason: string) => void l.closes.push(reason)
  };
  return l;
}

describe('a data channel as a transport', () => {
  it('opens, passes binary frames, ignores text, closes once', async () => {
    const channel = new FakeDataChannel();
    const transport = channelTransport(channel);
    const l = listener();
    transport.listen(l);
    expect(channel.binaryType).toBe('arraybuffer');
    expect(channel.bufferedAmountLowThreshold).toBe(LOW_WATER_BYTES);
    channel.open();
    expect(l.opens).toBe(1);
    expect(transport.isOpen()).toBe(true);
    channel.receive(new Uint8Array([1, 2, 3]).buffer);
    channel.dispatchEvent(new MessageEvent('message', { data: 'hello' }));
    expect(l.frames).toEqual([new Uint8Array([1, 2, 3])]);
    channel.close();
    channel.dispatchEvent(new Event('close'));
    expect(l.closes).toEqual(['channel-closed']);
    expect(transport.isOpen()).toBe(false);
  });

  it('keeps frames under the channel limit: 256 KiB, or less if the peer says so', () => {
    const channel = new FakeDataChannel();
    const connection = {
      connectionState: 'connected' as RTCPeerConnectionState,
      sctp: { maxMessageSize: 1024 * 1024 * 1024 },
      addEventListener: () => {},
      close: () => {}
    };
    const transport = channelTransport(channel, connection);
    expect(transport.maxFrameBytes).toBe(256 * 1024);
    connection.sctp = { maxMessageSize: 65_536 };
    expect(transport.maxFrameBytes).toBe(65_536);
    channel.open();
    expect(() => transport.send(new Uint8Array(65_537))).toThrow(/above the channel limit/);
  });

  it('makes the sender wait while the channel buffer is above the high-water mark', async () => {
    const channel = new FakeDataChannel();
    const transport = channelTransport(channel);
    channel.open();
    channel.bufferedAmount = HIGH_WATER_BYTES - 1;
    await transport.whenWritable?.();
    channel.bufferedAmount = HIGH_WATER_BYTES + 1;
    let writable = false;
    const waiting = transport.whenWritable?.().then(() => (writable = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(writable).toBe(false);
    channel.bufferedAmount = LOW_WATER_BYTES;
    channel.dispatchEvent(new Event('bufferedamountlow'));
    await waiting;
    expect(writable).toBe(true);
  });

  it('ends when the connection fails, and after a grace period when it stays disconnected', () => {
    vi.useFakeTimers();
    try {
      for (const [state, wait, reason] of [
        ['failed', 0, 'connection-failed'],
        ['disconnected', 8000, 'connection-lost']
      ] as const) {
        const channel = new FakeDataChannel();
        const target = new EventTarget();
        const connection = Object.assign(target, {
          connectionState: 'connected' as RTCPeerConnectionState,
          sctp: null,
          close: () => {}
        });
        const transport = channelTransport(channel, connection);
        const l = listener();
        transport.listen(l);
        channel.open();
        connection.connectionState = state;
        target.dispatchEvent(new Event('connectionstatechange'));
        if (wait) {
          vi.advanceTimersByTime(wait - 1);
          expect(l.closes).toEqual([]);
          vi.advanceTimersByTime(1);
        }
        expect(l.closes).toEqual([reason]);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});
