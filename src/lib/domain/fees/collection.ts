import { ledgers, type LedgerInput, type UnitLedger } from './ledger';

/**
 * The fee collection rate (004 管家服务品质指标 一: 实收费用额 ÷ 应收费用总额 × 100 % ≥ 98 %;
 * DOMAIN "Quality indicators"). Receivable: the bills due in the range, with their
 * adjustments. Collected: what payments (not reversed, taken by `paidUpTo`) have settled of
 * those same bills. Both integer fen; only the ratio is a fraction.
 */
export interface Collection {
  key: string;
  receivableFen: number;
  collectedFen: number;
  /** collected ÷ receivable, or null when nothing was receivable. */
  ratio: number | null;
}

export type CollectionGroup = 'month' | 'building' | 'item' | 'community' | 'all';

export interface CollectionRange {
  /** Due dates from..to inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  /** Count payments taken up to this moment (ms); all when absent. */
  paidUpTo?: number;
}

export function ratioOf(collectedFen: number, receivableFen: number): number | null {
  return receivableFen > 0 ? collectedFen / receivableFen : null;
}

/** Collected and receivable per month (of the due date), building, fee item or community. */
export function collectionFromLedgers(
  units: readonly UnitLedger[],
  range: CollectionRange,
  group: CollectionGroup
): Collection[] {
  const sums = new Map<string, { r: number; c: number }>();
  for (const ledger of units)
    for (const line of ledger.lines) {
      const b = line.bill;
      if (b.dueDate < range.from || b.dueDate > range.to) continue;
      const key =
        group === 'month'
          ? b.dueDate.slice(0, 7)
          : group === 'building'
            ? b.buildingId
            : group === 'item'
              ? (b.itemId ?? '')
              : group === 'community'
                ? b.communityId
                : 'all';
      const s = sums.get(key) ?? { r: 0, c: 0 };
      s.r += line.chargedFen;
      s.c += line.paidFen;
      sums.set(key, s);
    }
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, s]) => ({ key, receivableFen: s.r, collectedFen: s.c, ratio: ratioOf(s.c, s.r) }));
}

/**
 * The fee collection indicator for a range, for the indicators report (issue 19): give it the
 * office's bills, adjustments and payments (rows as stored or as records) and the due-date
 * range; it returns receivable, collected and their ratio for the whole office.
 */
export function feeCollectionRate(input: LedgerInput, range: CollectionRange): Collection {
  const [all] = collectionFromLedgers(ledgers(input, range.paidUpTo), range, 'all');
  return all ?? { key: 'all', receivableFen: 0, collectedFen: 0, ratio: null };
}

/** The same, grouped (per month, building, fee item or community). */
export function feeCollection(
  input: LedgerInput,
  range: CollectionRange,
  group: CollectionGroup
): Collection[] {
  return collectionFromLedgers(ledgers(input, range.paidUpTo), range, group);
}
