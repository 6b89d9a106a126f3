import { z } from 'zod';
import { recordBase } from '../record';

/** A month as 'YYYY-MM'. */
export const monthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'validation.format');

const unitIds = (max: number) => z.array(z.string().min(1)).max(max);

/**
 * A community's visit plan for a month 业户访问计划 (001 §4.3): the quota worked out from the
 * occupied households, and the households drawn for it. One per community and month; its id
 * is `<month>/<communityId>` so two tablets planning the same month meet in one record.
 * The supervisor adjusts the draw by editing `units` (field-level LWW); the draw's seed is
 * kept so the same history draws the same households again.
 */
export const visitPlanSchema = z.object({
  ...recordBase,
  communityId: z.string().min(1, 'validation.required'),
  month: monthString,
  seed: z.number().int(),
  /** Occupied households when the plan was drawn. */
  occupied: z.number().int().nonnegative(),
  /** 001 §4.3: visits owed this month, return visits not counted. */
  quota: z.number().int().nonnegative(),
  /** The households to visit: special-care ones due (002) first, then the draw. */
  units: unitIds(20_000).default([]),
  /** The special-care households among `units`, due on their own cadence. */
  specialCare: unitIds(20_000).default([]),
  /** Households the company's own survey drew this period: left out of the draw. */
  surveyExcluded: unitIds(20_000).default([]),
  draftedBy: z.string().min(1),
  draftedAt: z.number().int().nonnegative()
});
export type VisitPlan = z.infer<typeof visitPlanSchema>;

export function visitPlanId(month: string, communityId: string): string {
  return `${month}/${communityId}`;
}
