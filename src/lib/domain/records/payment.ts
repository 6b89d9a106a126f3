import { z } from 'zod';
import { recordBase, requiredText } from '../record';
import { positiveFen } from './money';

/**
 * Guanjia does not move money (issue 18): it records what was paid at the counter or by
 * WeChat Pay, Alipay or bank transfer.
 */
export const paymentMethods = ['wechat', 'alipay', 'bank', 'cash', 'card', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** Why and by whom a payment was taken back: a payment is reversed, never deleted. */
export const paymentReversal = z.object({
  at: z.number().int().nonnegative(),
  staffId: z.string().min(1),
  reason: requiredText(200)
});
export type PaymentReversal = z.infer<typeof paymentReversal>;

/**
 * A payment for a unit (实收). It pays the unit's oldest open bills first
 * (domain/fees/ledger.ts): nothing on the payment names bills, so two payments taken on two
 * tablets offline settle the same bills on both once they meet. More than is owed is held
 * as credit (预存) for the next bills.
 */
export const paymentSchema = z.object({
  ...recordBase,
  unitId: z.string().min(1),
  buildingId: z.string().min(1),
  communityId: z.string().min(1),
  amountFen: positiveFen,
  method: z.enum(paymentMethods),
  /** The receipt (收据) number the office writes on its own receipt book or system. */
  receiptNo: requiredText(40),
  payer: z.string().trim().max(60).optional(),
  note: z.string().trim().max(200).optional(),
  staffId: z.string().min(1),
  at: z.number().int().nonnegative(),
  reversal: paymentReversal.optional()
});
export type Payment = z.infer<typeof paymentSchema>;

export const paymentForm = z.object({
  amountFen: positiveFen,
  method: z.enum(paymentMethods),
  receiptNo: requiredText(40),
  payer: z.string().trim().max(60).optional(),
  note: z.string().trim().max(200).optional()
});
export type PaymentForm = z.input<typeof paymentForm>;

export const reversalForm = z.object({ reason: requiredText(200) });
