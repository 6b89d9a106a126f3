import { addMonthsToDate } from './dates';

/** What the ledger needs of a bill, an adjustment and a payment (records or plain rows). */
export interface LedgerBill {
  id: string;
  unitId: string;
  buildingId: string;
  communityId: string;
  itemId?: string;
  dueDate: string;
  periodStart: string;
  amountFen: number;
  deleted?: boolean;
}
export interface LedgerAdjustment {
  billId: string;
  amountFen: number;
  deleted?: boolean;
}
export interface LedgerPayment {
  unitId: string;
  amountFen: number;
  at: number;
  reversal?: unknown;
  deleted?: boolean;
}

export interface LedgerLine {
  bill: LedgerBill;
  /** The bill with its adjustments (never below 0: a larger reduction becomes credit). */
  chargedFen: number;
  paidFen: number;
  openFen: number;
}

export interface UnitLedger {
  unitId: string;
  lines: LedgerLine[];
  chargedFen: number;
  paidFen: number;
  /** What is still owed on the bills (due or not yet). */
  openFen: number;
  /** Paid in advance and not yet used (预存): more paid than billed. */
  creditFen: number;
}

/** Oldest first: by due date, then period, then id, so every device settles the same bills. */
function byDue(a: LedgerBill, b: LedgerBill): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.periodStart !== b.periodStart) return a.periodStart < b.periodStart ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One unit's account: its payments (reversed ones left out) settle its bills oldest first
 * (004 一: 实收 against 应收); what is left over is credit. Payments name no bills, so the
 * result depends only on the set of records, not on the order they arrived in from other
 * tablets. All sums are integer fen.
 */
export function unitLedger(
  unitId: string,
  bills: readonly LedgerBill[],
  adjustments: readonly LedgerAdjustment[],
  payments: readonly LedgerPayment[],
  paidUpTo = Infinity
): UnitLedger {
  const adj = new Map<string, number>();
  for (const a of adjustments)
    if (!a.deleted) adj.set(a.billId, (adj.get(a.billId) ?? 0) + a.amountFen);
  let pool = 0;
  for (const p of payments) if (!p.deleted && !p.reversal && p.at <= paidUpTo) pool += p.amountFen;
  const sorted = bills.filter((b) => !b.deleted).sort(byDue);
  let chargedFen = 0;
  // Reductions below zero are credit for the unit, like money paid.
  for (const b of sorted) {
    const net = b.amountFen + (adj.get(b.id) ?? 0);
    if (net < 0) pool -= net;
  }
  const paidTotal = pool;
  const lines: LedgerLine[] = sorted.map((bill) => {
    const charged = Math.max(0, bill.amountFen + (adj.get(bill.id) ?? 0));
    chargedFen += charged;
    const paid = Math.min(charged, pool);
    pool -= paid;
    return { bill, chargedFen: charged, paidFen: paid, openFen: charged - paid };
  });
  return {
    unitId,
    lines,
    chargedFen,
    paidFen: paidTotal - pool,
    openFen: chargedFen - (paidTotal - pool),
    creditFen: pool
  };
}

/** Group rows by unit, for ledgers of many units at once. */
export function byUnit<T extends { unitId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.unitId);
    if (list) list.push(r);
    else out.set(r.unitId, [r]);
  }
  return out;
}

export interface LedgerInput {
  bills: readonly LedgerBill[];
  adjustments: readonly (LedgerAdjustment & { unitId: string })[];
  payments: readonly LedgerPayment[];
}

/** Every unit's ledger (units with a bill or a payment). */
export function ledgers(input: LedgerInput, paidUpTo = Infinity): UnitLedger[] {
  const bills = byUnit(input.bills);
  const adjustments = byUnit(input.adjustments);
  const payments = byUnit(input.payments);
  const units = new Set([...bills.keys(), ...payments.keys()]);
  return [...units].map((u) =>
    unitLedger(u, bills.get(u) ?? [], adjustments.get(u) ?? [], payments.get(u) ?? [], paidUpTo)
  );
}

/** Arrears age (issue 18 §4): how long the oldest part of a debt has been overdue. */
export const agingBuckets = ['m1to3', 'm3to6', 'm6to12', 'over12'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

/**
 * The bucket of a bill due on `dueDate`, on `today`; undefined while it is not yet overdue
 * (due today is not late). Overdue up to and including 3 calendar months → 1–3 months (a
 * bill a day late is in its first months), then up to 6, up to 12, and over 12.
 */
export function agingBucket(dueDate: string, today: string): AgingBucket | undefined {
  if (today <= dueDate) return undefined;
  if (today <= addMonthsToDate(dueDate, 3)) return 'm1to3';
  if (today <= addMonthsToDate(dueDate, 6)) return 'm3to6';
  if (today <= addMonthsToDate(dueDate, 12)) return 'm6to12';
  return 'over12';
}

export interface UnitArrears {
  unitId: string;
  buildingId: string;
  communityId: string;
  /** Overdue and unpaid, by age. */
  buckets: Record<AgingBucket, number>;
  overdueFen: number;
  /** Everything still open, due or not. */
  openFen: number;
  creditFen: number;
  oldestDue: string;
}

/** A unit's overdue debt by age; undefined when nothing is overdue. */
export function unitArrears(ledger: UnitLedger, today: string): UnitArrears | undefined {
  const buckets: Record<AgingBucket, number> = { m1to3: 0, m3to6: 0, m6to12: 0, over12: 0 };
  let overdue = 0;
  const lines: LedgerLine[] = [];
  for (const line of ledger.lines) {
    if (!line.openFen) continue;
    const bucket = agingBucket(line.bill.dueDate, today);
    if (!bucket) continue;
    buckets[bucket] += line.openFen;
    overdue += line.openFen;
    lines.push(line);
  }
  if (!overdue) return undefined;
  const first = lines[0].bill;
  return {
    unitId: ledger.unitId,
    buildingId: first.buildingId,
    communityId: first.communityId,
    buckets,
    overdueFen: overdue,
    openFen: ledger.openFen,
    creditFen: ledger.creditFen,
    oldestDue: first.dueDate
  };
}

export interface BuildingArrears {
  buildingId: string;
  units: number;
  buckets: Record<AgingBucket, number>;
  overdueFen: number;
}

/** Arrears summed per building (issue 18 §4). */
export function arrearsByBuilding(list: readonly UnitArrears[]): BuildingArrears[] {
  const out = new Map<string, BuildingArrears>();
  for (const a of list) {
    let b = out.get(a.buildingId);
    if (!b) {
      b = {
        buildingId: a.buildingId,
        units: 0,
        buckets: { m1to3: 0, m3to6: 0, m6to12: 0, over12: 0 },
        overdueFen: 0
      };
      out.set(a.buildingId, b);
    }
    b.units++;
    b.overdueFen += a.overdueFen;
    for (const k of agingBuckets) b.buckets[k] += a.buckets[k];
  }
  return [...out.values()];
}
