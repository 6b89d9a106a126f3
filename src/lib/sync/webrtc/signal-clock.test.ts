import { describe, expect, it } from 'vitest';
import { SignalClock } from './signal-clock';

describe('signal clock', () => {
  it('stamps strictly rising times, even when the wall clock stands still or goes back', () => {
    let wall = 1000;
    const clock = new SignalClock(() => wall);
    const first = clock.stamp();
    const second = clock.stamp();
    wall = 500;
    const third = clock.stamp();
    expect(first).toBe(1000);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
  });

  it('accepts each sender only forwards: a replayed or older message is refused', () => {
    const clock = new SignalClock();
    expect(clock.accept('A', 10)).toBe(true);
    expect(clock.accept('A', 10)).toBe(false);
    expect(clock.accept('A', 9)).toBe(false);
    expect(clock.accept('B', 9)).toBe(true);
    expect(clock.accept('A', 11)).toBe(true);
  });
});
