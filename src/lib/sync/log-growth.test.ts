import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GROWTH_QUIET_MS, watchLogGrowth } from './log-growth';
import { PUBLISH_EVERY_OPS } from './snapshot-relay';

/** A log whose vector the test sets and whose changes it announces. */
function fakeLog() {
  const listeners = new Set<() => void>();
  const log = {
    ops: 0,
    onChange(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    vector: async () => ({ a: log.ops }),
    /** `n` ops written, announced as one change. */
    write(n: number) {
      log.ops += n;
      for (const l of listeners) l();
    }
  };
  return log;
}

describe('watchLogGrowth (when a device publishes a snapshot for a grown log)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits until a load goes quiet, then publishes once for all of it', async () => {
    const log = fakeLog();
    const publish = vi.fn();
    const stop = watchLogGrowth(log, () => 0, publish);
    // A slow demo load: a change every 9 s, far past the bound long before it ends.
    for (let i = 0; i < 10; i++) {
      log.write(PUBLISH_EVERY_OPS / 4);
      await vi.advanceTimersByTimeAsync(GROWTH_QUIET_MS - 1_000);
    }
    expect(publish).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(publish).toHaveBeenCalledTimes(1);
    stop();
  });

  it('does not publish below the bound, nor before the relay says what it covers', async () => {
    const log = fakeLog();
    const publish = vi.fn();
    let covered: number | undefined = undefined;
    const stop = watchLogGrowth(log, () => covered, publish);
    log.write(PUBLISH_EVERY_OPS * 2);
    await vi.advanceTimersByTimeAsync(GROWTH_QUIET_MS * 2);
    expect(publish).not.toHaveBeenCalled(); // nothing known of the relay yet
    covered = PUBLISH_EVERY_OPS * 2 - 10;
    log.write(PUBLISH_EVERY_OPS - 20);
    await vi.advanceTimersByTimeAsync(GROWTH_QUIET_MS);
    expect(publish).not.toHaveBeenCalled(); // 19,990 past the snapshot
    log.write(10);
    await vi.advanceTimersByTimeAsync(GROWTH_QUIET_MS);
    expect(publish).toHaveBeenCalledTimes(1); // 20,000 past it
    stop();
  });

  it('stops looking when stopped', async () => {
    const log = fakeLog();
    const publish = vi.fn();
    const stop = watchLogGrowth(log, () => 0, publish);
    log.write(PUBLISH_EVERY_OPS);
    stop();
    await vi.advanceTimersByTimeAsync(GROWTH_QUIET_MS * 2);
    log.write(PUBLISH_EVERY_OPS);
    await vi.advanceTimersByTimeAsync(GROWTH_QUIET_MS * 2);
    expect(publish).not.toHaveBeenCalled();
  });
});
