import { describe, expect, it } from 'vitest';
import { HLC_ZERO, decodeHlc, hlcTime, receiveHlc, tickHlc } from './hlc';

describe('hybrid logical clock', () => {
  it('follows the wall clock when it moves forward', () => {
    const a = tickHlc(HLC_ZERO, 1_000, 'dev1');
    const b = tickHlc(a, 2_000, 'dev1');
    expect(hlcTime(a)).toBe(1_000);
    expect(hlcTime(b)).toBe(2_000);
    expect(b > a).toBe(true);
  });

  it('still increases when the wall clock stands still or goes back', () => {
    const a = tickHlc(HLC_ZERO, 5_000, 'dev1');
    const b = tickHlc(a, 5_000, 'dev1');
    const c = tickHlc(b, 4_000, 'dev1');
    expect(b > a && c > b).toBe(true);
    expect(decodeHlc(c)).toEqual({ wall: 5_000, counter: 2, device: 'dev1' });
  });

  it('moves past a remote timestamp from a device whose clock is ahead', () => {
    const remote = tickHlc(HLC_ZERO, 9_000, 'dev2');
    const local = receiveHlc(tickHlc(HLC_ZERO, 1_000, 'dev1'), remote, 1_500, 'dev1');
    expect(local > remote).toBe(true);
    expect(decodeHlc(local).device).toBe('dev1');
  });

  it('orders equal times by device, the same way on every device', () => {
    const a = tickHlc(HLC_ZERO, 7_000, 'aaa');
    const b = tickHlc(HLC_ZERO, 7_000, 'bbb');
    expect(a < b).toBe(true);
  });
});
