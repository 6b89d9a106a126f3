import { describe, expect, it } from 'vitest';
import { random } from './random';
import { addWorkingDays, dayOf, isoDate, startOfDay, weekdayOf } from './calendar';

describe('the seeded random stream', () => {
  it('repeats itself for the same seed and differs for another', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, () => random(seed, 'x').uint32());
    const a = random(1, 'x');
    const b = random(1, 'x');
    const c = random(2, 'x');
    const seqA = Array.from({ length: 20 }, () => a.uint32());
    expect(Array.from({ length: 20 }, () => b.uint32())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.uint32())).not.toEqual(seqA);
    expect(draw(1)).toEqual(draw(1));
  });

  it('keeps its draws in range and roughly uniform', () => {
    const r = random(7, 'range');
    const counts = [0, 0, 0, 0, 0, 0];
    let outside = 0;
    for (let i = 0; i < 60_000; i++) {
      const n = r.int(1, 6);
      if (n >= 1 && n <= 6) counts[n - 1]++;
      else outside++;
    }
    expect(outside).toBe(0);
    for (const c of counts) expect(c / 10_000).toBeCloseTo(1, 1);
    const w = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++)
      w[
        r.weighted([
          ['a', 9],
          ['b', 1]
        ] as const)
      ]++;
    expect(w.a / 10_000).toBeCloseTo(0.9, 1);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += r.poisson(4);
    expect(sum / 10_000).toBeCloseTo(4, 0);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('the demo calendar (Asia/Shanghai, UTC+8)', () => {
  it('puts a moment on its Shanghai day', () => {
    // 2026-06-14 23:30 UTC is already Monday the 15th in Shanghai.
    const late = Date.UTC(2026, 5, 14, 23, 30);
    expect(isoDate(dayOf(late))).toBe('2026-06-15');
    expect(weekdayOf(dayOf(late))).toBe(1);
    expect(startOfDay(dayOf(late))).toBe(Date.UTC(2026, 5, 14, 16, 0));
  });

  it('counts working days past the weekend', () => {
    const friday = Date.UTC(2026, 5, 12, 2, 0);
    expect(isoDate(dayOf(addWorkingDays(friday, 2)))).toBe('2026-06-16');
  });
});
