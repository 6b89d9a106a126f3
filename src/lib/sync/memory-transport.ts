import { TransportEvents, type Transport } from './transport';

/**
 * Two ends of an in-memory pipe, for tests and the property test's simulated network.
 * In `manual` mode frames wait in `queue(side)` until the test delivers, duplicates,
 * reorders or drops them; otherwise they are delivered on the next microtask.
 */
export interface MemoryLink {
  ends: [Transport, Transport];
  /** Frames sent by `side` (0 or 1) not yet delivered to the other end. */
  queue(side: 0 | 1): Uint8Array[];
  /** Deliver frame `index` of side's queue (removing it unless `keep`, which duplicates). */
  deliver(side: 0 | 1, index?: number, keep?: boolean): void;
  close(): void;
}

export function memoryLink(options: { manual?: boolean; maxFrameBytes?: number } = {}): MemoryLink {
  const events = [new TransportEvents(), new TransportEvents()];
  const queues: Uint8Array[][] = [[], []];
  let open = false;
  const close = (): void => {
    open = false;
    events[0].close('closed');
    events[1].close('closed');
  };
  const end = (side: 0 | 1): Transport => ({
    kind: 'memory',
    maxFrameBytes: options.maxFrameBytes ?? 256 * 1024,
    isOpen: () => open,
    send(frame) {
      if (!open) return;
      queues[side].push(frame.slice());
      if (!options.manual) queueMicrotask(() => link.deliver(side));
    },
    listen: (listener) => events[side].listen(listener),
    close
  });
  const link: MemoryLink = {
    ends: [end(0), end(1)],
    queue: (side) => queues[side],
    deliver(side, index = 0, keep = false) {
      const frame = queues[side][index];
      if (!frame || !open) return;
      if (!keep) queues[side].splice(index, 1);
      events[side === 0 ? 1 : 0].frame(frame);
    },
    close
  };
  queueMicrotask(() => {
    open = true;
    events[0].open();
    events[1].open();
  });
  return link;
}
