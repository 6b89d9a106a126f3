import { z } from 'zod';
import { recordBase } from '../record';

/**
 * A reminder that reached, or tried to reach, a household about what it owes (004 一 5:
 * 催缴): a printed 催缴通知, a text message, or a call with its outcome (the call list).
 * Write-once, so the history of chasing a unit is complete.
 */
export const feeContactChannels = ['notice', 'sms', 'call'] as const;
export type FeeContactChannel = (typeof feeContactChannels)[number];

export const callOutcomes = [
  'promised',
  'refused',
  'noAnswer',
  'wrongNumber',
  'paid',
  'other'
] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export const feeContactSchema = z.object({
  ...recordBase,
  unitId: z.string().min(1),
  channel: z.enum(feeContactChannels),
  outcome: z.enum(callOutcomes).optional(),
  /** The date the household promised to pay by. */
  promisedDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.format')
    .optional(),
  note: z.string().trim().max(500).optional(),
  /** What was owed when the reminder went out, in fen. */
  owedFen: z.number().int(),
  staffId: z.string().min(1),
  at: z.number().int().nonnegative()
});
export type FeeContact = z.infer<typeof feeContactSchema>;

export const callForm = z.object({
  outcome: z.enum(callOutcomes, 'validation.required'),
  promisedDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.format')
    .optional(),
  note: z.string().trim().max(500, 'validation.tooLong').optional()
});
export type CallForm = z.input<typeof callForm>;
