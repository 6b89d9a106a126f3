import { z } from 'zod';
import { recordBase, requiredText } from '../record';
import type { Role } from '../roles';

/**
 * The small registers the departments keep for the quality indicators of 004 that no
 * request records: 治安案件 (security, 004 七), 火灾 (004 八), 违章 with its handling
 * (004 九), 保洁检查 with the area up to standard (004 六) and 房屋及配套设施检查 with the
 * intact area (004 三). One row per case or inspection; a mistaken row is voided with a
 * reason (kept for the record, left out of every indicator), never deleted.
 */
export const registerKinds = [
  'securityIncident',
  'fire',
  'violation',
  'cleaningInspection',
  'facilityInspection'
] as const;
export type RegisterKind = (typeof registerKinds)[number];

export const inspectionKinds: readonly RegisterKind[] = [
  'cleaningInspection',
  'facilityInspection'
];

const area = z
  .number('validation.number')
  .min(0, 'validation.tooSmall')
  .max(10_000_000, 'validation.tooBig');

export const registerEntrySchema = z
  .object({
    ...recordBase,
    kind: z.enum(registerKinds),
    communityId: z.string().min(1, 'validation.required'),
    /** The day it happened or was inspected (office time zone). */
    date: z.iso.date('validation.date'),
    summary: requiredText(200),
    /** Violations: the day it was handled (制止、整改到位) and how. */
    handledOn: z.iso.date('validation.date').optional(),
    handling: z.string().trim().max(500, 'validation.tooLong').default(''),
    /** Inspections: the area inspected, and the part up to standard / intact (m²). */
    areaM2: area.optional(),
    goodAreaM2: area.optional(),
    voided: z.boolean().default(false),
    voidReason: z.string().trim().max(200, 'validation.tooLong').default('')
  })
  .superRefine((e, ctx) => {
    if (inspectionKinds.includes(e.kind)) {
      if (e.areaM2 === undefined || e.areaM2 <= 0)
        ctx.addIssue({ code: 'custom', path: ['areaM2'], message: 'validation.required' });
      if (e.goodAreaM2 === undefined)
        ctx.addIssue({ code: 'custom', path: ['goodAreaM2'], message: 'validation.required' });
      else if (e.areaM2 !== undefined && e.goodAreaM2 > e.areaM2)
        ctx.addIssue({ code: 'custom', path: ['goodAreaM2'], message: 'register.goodOverArea' });
    }
    if (e.handledOn !== undefined && e.handledOn < e.date)
      ctx.addIssue({ code: 'custom', path: ['handledOn'], message: 'validation.endBeforeStart' });
    if (e.voided && !e.voidReason)
      ctx.addIssue({ code: 'custom', path: ['voidReason'], message: 'validation.required' });
  });
export type RegisterEntry = z.infer<typeof registerEntrySchema>;

/** Which department keeps which register (004 三, 六–九); the manager and supervisor keep all. */
export const registerKeepers: Record<RegisterKind, readonly Role[]> = {
  securityIncident: ['security', 'manager', 'supervisor'],
  fire: ['security', 'manager', 'supervisor'],
  violation: ['security', 'manager', 'supervisor'],
  cleaningInspection: ['cleaning', 'manager', 'supervisor'],
  facilityInspection: ['engineer', 'manager', 'supervisor']
};

export function keptBy(role: Role): RegisterKind[] {
  return registerKinds.filter((k) => registerKeepers[k].includes(role));
}
