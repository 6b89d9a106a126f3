import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('throttle', () => {
  it('runs at once, then at most once per window, and the last request always runs', () => {
    let runs = 0;
    const send = throttle(() => runs++, 100);
    send();
    expect(runs).toBe(1);
    for (let i = 0; i < 50; i++) {
      send();
      vi.advanceTimersByTime(10);
    }
    // 500 ms of requests every 10 ms: about one run per 100 ms, not 50.
    expect(runs).toBeGreaterThanOrEqual(5);
    expect(runs).toBeLessThanOrEqual(6);
    send();
    vi.advanceTimersByTime(100);
    const settled = runs;
    vi.advanceTimersByTime(1000);
    expect(runs).toBe(settled);
  });

  it('forgets a waiting run when cancelled', () => {
    let runs = 0;
    const send = throttle(() => runs++, 100);
    send();
    send();
    send.cancel();
    vi.advanceTimersByTime(500);
    expect(runs).toBe(1);
  });
});
