import { z } from 'zod';
import { recordBase, requiredText } from '../record';
import { isoDate, nonNegativeFen } from './money';

/**
 * How a bill came to be: a bill run over the fee items, an opening balance imported from
 * the previous system's arrears list, a charge entered by hand, a paid service taken
 * from a request (003 §3.12), or a late fee (滞纳金) a run charged on an overdue bill.
 */
export const billSources = ['run', 'opening', 'charge', 'service', 'lateFee'] as const;
export type BillSource = (typeof billSources)[number];

/**
 * What one unit owes for one fee item and period (应收). Its id is made of item, unit and
 * period (domain/fees/generate.ts billId), so a second run, or a run on another tablet
 * offline, makes the same record instead of a duplicate. The amount never changes after
 * it is made: corrections are adjustments (bill-adjustment.ts), each with reason and author.
 */
export const billSchema = z.object({
  ...recordBase,
  unitId: z.string().min(1),
  buildingId: z.string().min(1),
  communityId: z.string().min(1),
  /** The fee item; absent for an opening balance. */
  itemId: z.string().min(1).optional(),
  source: z.enum(billSources),
  /** "2026-03", "2026-Q1", "2026", or the date of a one-off charge. */
  period: z.string().min(1).max(20),
  periodStart: isoDate,
  periodEnd: isoDate,
  dueDate: isoDate,
  amountFen: nonNegativeFen,
  /** How the amount was worked out, or what a charge is for (shown on the bill and receipt). */
  note: z.string().trim().max(200).optional(),
  ticketId: z.string().min(1).optional(),
  /** A late fee: the bill it is charged on (domain/fees/late-fee.ts). */
  lateFeeFor: z.string().min(1).optional(),
  staffId: z.string().min(1)
});
export type Bill = z.infer<typeof billSchema>;

/** A charge entered by hand (one-off, deposit, paid service) for one unit. */
export const chargeForm = z.object({
  unitId: z.string().min(1, 'validation.required'),
  itemId: z.string().min(1, 'validation.required'),
  dueDate: isoDate,
  amountFen: nonNegativeFen.min(1, 'validation.greaterThan'),
  note: requiredText(200)
});
export type ChargeForm = z.input<typeof chargeForm>;
