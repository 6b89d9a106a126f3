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
  /** Whose field: empty for a caller not in the archive (then `ticketId` says where). */
  personId: z.string().default(''),
  /** The request whose caller's phone was revealed (its page or printout), if any. */
  ticketId: z.string().optional(),
  field: z.enum(sensitiveFields),
  staffId: z.string().min(1),
  at: z.number().int().nonnegative()
});
export type SensitiveReveal = z.infer<typeof sensitiveRevealSchema>;

/** A phone as front-desk roles see it: 138****5678 (issue 5 §4). */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** An ID number with only the region (first 6) and the last 4 shown: 110101********1234. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
