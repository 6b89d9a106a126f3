import type { LateFeeRule } from '../records/fee-item';
import { daysBetween } from './dates';

/**
 * The late fee (滞纳金) an overdue amount has run up by `today` under the office's rule, in
 * fen, rounded down (the household never pays a part fen more than the rule says). Shown on
 * the 催缴通知; Guanjia does not add it to the bill by itself: the office decides whether to
 * charge it (an adjustment or a charge, with a reason).
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
