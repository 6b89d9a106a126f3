import type { LateFeeRule } from '../records/fee-item';
import { daysBetween } from './dates';
import type { UnitLedger } from './ledger';

/**
 * The late fee (滞纳金) an overdue amount has run up by `today` under the office's rule, in
 * fen, rounded down (the household never pays a part fen more than the rule says): 万分之N of
 * the amount per day after the grace days, at most cap % of it.
 */
export function lateFeeFen(
  openFen: number,
  dueDate: string,
  today: string,
  rule: LateFeeRule
): number {
  if (openFen <= 0) return 0;
  const days = daysBetween(dueDate, today) - rule.graceDays;
  if (days <= 0) return 0;
  const fee = Math.floor((openFen * rule.perDayPerTenThousand * days) / 10_000);
  const cap = Math.floor((openFen * rule.capPercent) / 100);
  return Math.min(fee, cap);
}

/**
 * A late-fee bill's id: the bill it is charged on and the month of the run that charged it.
 * Two runs in one month, or on two tablets offline, make the same id: at most one late-fee
 * bill per bill and month, and a second run adds nothing.
 */
export function lateFeeBillId(billId: string, month: string): string {
  return `${billId}~late~${month}`;
}

/** The bill a late-fee bill is charged on (from its id), or undefined for any other bill. */
export function lateFeeTarget(id: string): string | undefined {
  const i = id.lastIndexOf('~late~');
  return i < 0 ? undefined : id.slice(0, i);
}

/** Where one bill stands with its late fee on a day. */
export interface LateFeeState {
  billId: string;
  /** What the rule gives on the bill's open amount today (over every day it is late). */
  accruedFen: number;
  /** Late-fee bills already charged on it (as charged: a waiver by adjustment stays waived). */
  billedFen: number;
  /** Of those, what is still open. */
  openBilledFen: number;
  /** Accrued and not charged yet: what the next run would bill. */
  unbilledFen: number;
}

/**
 * The late fees of one unit's bills on `today`. Only bills of an item with a rule run up a
 * late fee, and never a late-fee bill itself (no compounding). What has been charged already
 * is subtracted, so a run bills only the difference; it is worked out on the amount still
 * open today, so a part payment lowers it (never above what the rule gives on any day).
 */
export function lateFees(
  ledger: UnitLedger,
  ruleOf: (itemId: string) => LateFeeRule | undefined,
  today: string
): Map<string, LateFeeState> {
  const billed = new Map<string, { gross: number; open: number }>();
  for (const line of ledger.lines) {
    const target = lateFeeTarget(line.bill.id);
    if (!target) continue;
    const b = billed.get(target) ?? { gross: 0, open: 0 };
    b.gross += line.bill.amountFen;
    b.open += line.openFen;
    billed.set(target, b);
  }
  const out = new Map<string, LateFeeState>();
  for (const line of ledger.lines) {
    const id = line.bill.id;
    if (lateFeeTarget(id) !== undefined) continue;
    const rule = line.bill.itemId ? ruleOf(line.bill.itemId) : undefined;
    const b = billed.get(id);
    if (!rule && !b) continue;
    const accruedFen = rule ? lateFeeFen(line.openFen, line.bill.dueDate, today, rule) : 0;
    const billedFen = b?.gross ?? 0;
    out.set(id, {
      billId: id,
      accruedFen,
      billedFen,
      openBilledFen: b?.open ?? 0,
      unbilledFen: Math.max(0, accruedFen - billedFen)
    });
  }
  return out;
}

/** A late-fee bill as a run makes it (the write path adds nothing but clocks). */
export interface PlannedLateFee {
  id: string;
  unitId: string;
  buildingId: string;
  communityId: string;
  itemId: string;
  source: 'lateFee';
  lateFeeFor: string;
  period: string;
  /** The charged bill's due date: the late fee runs from there to the run's day. */
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  amountFen: number;
  staffId: string;
}

export interface LateFeeUnit {
  unitId: string;
  buildingId: string;
  communityId: string;
  ledger: UnitLedger;
}

/**
 * The late-fee bills a run on `today` makes (issue 18 §1: "late-fee rule if the office uses
 * one"): for each open bill of an item with a rule, what has accrued beyond what was charged
 * before, due the day of the run. Deterministic: the same records and day give the same bills.
 */
export function planLateFees(
  units: readonly LateFeeUnit[],
  ruleOf: (itemId: string) => LateFeeRule | undefined,
  today: string,
  staffId: string
): PlannedLateFee[] {
  const month = today.slice(0, 7);
  const out: PlannedLateFee[] = [];
  for (const unit of units) {
    const states = lateFees(unit.ledger, ruleOf, today);
    for (const line of unit.ledger.lines) {
      const state = states.get(line.bill.id);
      if (!state || state.unbilledFen <= 0 || !line.bill.itemId) continue;
      out.push({
        id: lateFeeBillId(line.bill.id, month),
        unitId: unit.unitId,
        buildingId: unit.buildingId,
        communityId: unit.communityId,
        itemId: line.bill.itemId,
        source: 'lateFee',
        lateFeeFor: line.bill.id,
        period: month,
        periodStart: line.bill.dueDate,
        periodEnd: today,
        dueDate: today,
        amountFen: state.unbilledFen,
        staffId
      });
    }
  }
  return out;
}
