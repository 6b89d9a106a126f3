import { z } from 'zod';
import { recordBase } from '../record';

export const sensitiveFields = ['phone', 'idNumber', 'emergencyPhone'] as const;
export type SensitiveField = (typeof sensitiveFields)[number];

/**
 * A logged reveal of a masked field (DOMAIN "Records": privacy; 001: staff keep what they
 * hear confidential): who saw which field of whom, when. Written once, never edited.
 */
export const sensitiveRevealSchema = z.object({
  ...recordBase,
  personId: z.string().min(1),
  field: z.enum(sensitiveFields),
  staffId: z.string().min(1),
  at: z.number().int().nonnegative()
});
export type SensitiveReveal = z.infer<typeof sensitiveRevealSchema>;
