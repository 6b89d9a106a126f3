import { z } from 'zod';
import { recordBase, requiredText } from '../record';
import { fen } from './money';

/**
 * A correction of a bill (减免, 更正): signed fen added to what the bill asks, with the
 * reason and who made it (issue 18 §2). Write-once, like a request's timeline: a wrong
 * adjustment is undone by another one, never edited, so the history says what happened.
 */
export const billAdjustmentSchema = z.object({
  ...recordBase,
  billId: z.string().min(1),
  unitId: z.string().min(1),
  amountFen: fen.refine((v) => v !== 0, 'validation.required'),
  reason: requiredText(200),
  staffId: z.string().min(1),
  at: z.number().int().nonnegative()
});
export type BillAdjustment = z.infer<typeof billAdjustmentSchema>;

export const adjustmentForm = billAdjustmentSchema.pick({ amountFen: true, reason: true });
export type AdjustmentForm = z.input<typeof adjustmentForm>;
