import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultSettings } from '../records/settings';
import { countsTowardQuota, monthlyQuota, quotaTier } from './quota';

const tiers = defaultSettings().visitQuotaTiers;

describe('monthly quota by occupied households (001 §4.3)', () => {
  it('switches bracket exactly at the edges 300/301, 500/501, 800/801, rounding up', () => {
    expect(quotaTier(300, tiers)?.percent).toBe(4);
    expect(quotaTier(301, tiers)?.percent).toBe(5);
    expect(quotaTier(500, tiers)?.percent).toBe(5);
    expect(quotaTier(501, tiers)?.percent).toBe(6);
    expect(quotaTier(800, tiers)?.percent).toBe(6);
    expect(quotaTier(801, tiers)?.percent).toBe(7);
    // 不低于: at least the percentage, so a fraction of a visit is one more visit.
    expect(monthlyQuota(300, tiers)).toBe(12);
    expect(monthlyQuota(301, tiers)).toBe(16); // 15.05
    expect(monthlyQuota(500, tiers)).toBe(25);
    expect(monthlyQuota(501, tiers)).toBe(31); // 30.06
    expect(monthlyQuota(800, tiers)).toBe(48);
    expect(monthlyQuota(801, tiers)).toBe(57); // 56.07
    expect(monthlyQuota(5000, tiers)).toBe(350);
    expect(monthlyQuota(0, tiers)).toBe(0);
    expect(monthlyQuota(1, tiers)).toBe(1);
  });

  it('reads every bracket from the settings, in any order', () => {
    const office = [
      { maxHouseholds: null, percent: 10 },
      { maxHouseholds: 100, percent: 2 }
    ];
    expect(monthlyQuota(100, office)).toBe(2);
    expect(monthlyQuota(101, office)).toBe(11); // 10.1
  });

  it('is never below the percentage of its bracket, and never a whole visit above', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => {
        const q = monthlyQuota(n, tiers);
        const pct = quotaTier(n, tiers)?.percent ?? 0;
        expect(q * 100).toBeGreaterThanOrEqual(n * pct);
        expect((q - 1) * 100).toBeLessThan(n * pct);
      })
    );
  });

  it('does not count return visits (不含回访)', () => {
    expect(countsTowardQuota({ returnVisit: false })).toBe(true);
    expect(countsTowardQuota({ returnVisit: true })).toBe(false);
    expect(countsTowardQuota({ returnVisit: false, deleted: true })).toBe(false);
  });
});
