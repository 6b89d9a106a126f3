import { z } from 'zod';
import { recordBase } from '../record';

export const occupancyRoles = ['owner', 'tenant', 'family', 'companyContact'] as const;

/** A person's role on a unit with dates (DOMAIN "Records": owner, tenant, family member…). */
export const occupancySchema = z
  .object({
    ...recordBase,
    unitId: z.string().min(1, 'validation.required'),
    personId: z.string().min(1, 'validation.required'),
    role: z.enum(occupancyRoles),
    /** Calendar dates as YYYY-MM-DD in the office's time zone. */
    from: z.iso.date('validation.date'),
    to: z.iso.date('validation.date').optional()
  })
  .refine((o) => o.to === undefined || o.to >= o.from, {
    path: ['to'],
    message: 'validation.endBeforeStart'
  });
export type Occupancy = z.infer<typeof occupancySchema>;
