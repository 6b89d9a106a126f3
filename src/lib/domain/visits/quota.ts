import type { Settings } from '../records/settings';

export type QuotaTier = Settings['visitQuotaTiers'][number];

/**
 * The month's visit quota of a community (001 §4.3): 不低于已入住户数的 n %, the percentage
 * chosen by the number of occupied households (≤ 300 → 4 %, 301–500 → 5 %, 501–800 → 6 %,
 * > 800 → 7 % by default; every bracket is a setting). "Not less than" rounds up: 301
 * households at 5 % is 15.05, so 16 visits. Return visits never count toward it.
 */
export function quotaTier(occupied: number, tiers: readonly QuotaTier[]): QuotaTier | undefined {
  // Brackets are read in order of their upper edge; an open one (null) comes last.
  const sorted = [...tiers].sort(
    (a, b) => (a.maxHouseholds ?? Infinity) - (b.maxHouseholds ?? Infinity)
  );
  return sorted.find((t) => t.maxHouseholds === null || occupied <= t.maxHouseholds);
}

export function monthlyQuota(occupied: number, tiers: readonly QuotaTier[]): number {
  if (occupied <= 0) return 0;
  const tier = quotaTier(occupied, tiers);
  if (!tier) return 0;
  // In hundredths, so 300 × 4 % is exactly 12, not 12.000000000000002 rounded up to 13.
  return Math.ceil(Math.round(occupied * tier.percent * 100) / 10_000);
}

/** 001 §4.3 (不含回访): whether a visit counts toward the quota. */
export function countsTowardQuota(record: { returnVisit: boolean; deleted?: boolean }): boolean {
  return !record.returnVisit && !record.deleted;
}
