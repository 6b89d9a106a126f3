import { TransportEvents, type Transport } from './transport';

/** The constructor of the browser's WebSocket (Node tests pass the `ws` package's). */
export type WebSocketClass = new (url: string) => WebSocket;

const HIGH_WATER = 4 * 1024 * 1024; // bytes queued in the socket before `whenWritable` waits

/** A relay connection as a Transport: one binary WebSocket message per frame. */
export function websocketTransport(
  url: string,
  Socket: WebSocketClass = globalThis.WebSocket,
  maxFrameBytes = 1024 * 1024 + 64 * 1024
): Transport {
  const events = new TransportEvents();
  let ws: WebSocket;
  try {
    ws = new Socket(url);
  } catch (error) {
    queueMicrotask(() => events.close(`cannot connect: ${String(error)}`));
    return {
      kind: 'relay',
      maxFrameBytes,
      isOpen: () => false,
      send() {},
      listen: (listener) => events.listen(listener),
      close() {}
    };
  }
  ws.binaryType = 'arraybuffer';
  ws.onopen = () => events.open();
  ws.onmessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (data instanceof ArrayBuffer) events.frame(new Uint8Array(data));
    else if (ArrayBuffer.isView(data))
      events.frame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  };
  ws.onclose = (event: CloseEvent) => events.close(event.reason || `closed (${event.code})`);
  ws.onerror = () => events.close('network error');
  return {
    kind: 'relay',
    maxFrameBytes,
    isOpen: () => events.isOpen && ws.readyState === 1,
    send: (frame) => ws.send(frame),
    listen: (listener) => events.listen(listener),
    async whenWritable() {
      while (ws.readyState === 1 && ws.bufferedAmount > HIGH_WATER)
        await new Promise((resolve) => setTimeout(resolve, 20));
    },
    close(reason) {
      if (ws.readyState <= 1) ws.close(1000, reason?.slice(0, 100));
      events.close(reason ?? 'closed');
    }
  };
}
