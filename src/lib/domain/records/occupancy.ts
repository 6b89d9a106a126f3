import { z } from 'zod';
import { recordBase } from '../record';

export const occupancyRoles = ['owner', 'tenant', 'family', 'companyContact'] as const;
export type OccupancyRole = (typeof occupancyRoles)[number];

const occupancyFields = {
  unitId: z.string().min(1, 'validation.required'),
  personId: z.string().min(1, 'validation.required'),
  role: z.enum(occupancyRoles),
  /** Calendar dates as YYYY-MM-DD in the office's time zone. */
  from: z.iso.date('validation.date'),
  to: z.iso.date('validation.date').optional()
};

const datesInOrder = (o: { from: string; to?: string }) => o.to === undefined || o.to >= o.from;
const datesIssue = () => ({ path: ['to'], message: 'validation.endBeforeStart' });

/** A person's role on a unit with dates (DOMAIN "Records": owner, tenant, family member…). */
export const occupancySchema = z
  .object({ ...recordBase, ...occupancyFields })
  .refine(datesInOrder, datesIssue());
export type Occupancy = z.infer<typeof occupancySchema>;

export const occupancyForm = z.object(occupancyFields).refine(datesInOrder, datesIssue());

export { isCurrent } from '../unit-code';
