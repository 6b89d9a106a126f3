import { z } from 'zod';
import { recordBase, requiredText } from '../record';

export const incidentKinds = ['water', 'power', 'gas', 'elevator', 'other'] as const;
export type IncidentKind = (typeof incidentKinds)[number];

/**
 * A planned or sudden cut (water, power…) affecting buildings (issue 6 §6). While it lasts
 * the intake screen shows its script, and calls about it attach to it instead of each
 * becoming a request. Notice lead times for planned cuts: 001 §4.2 (owners ≥ 24 h ahead).
 */
export const incidentSchema = z
  .object({
    ...recordBase,
    communityId: z.string().min(1, 'validation.required'),
    /** Empty: the whole community. */
    buildingIds: z.array(z.string().min(1)).max(500).default([]),
    kind: z.enum(incidentKinds),
    planned: z.boolean().default(false),
    title: requiredText(80),
    /** What to tell callers (对来电业户的解释口径). */
    script: requiredText(1000),
    startsAt: z.number().int().nonnegative(),
    /** Expected end, as announced. */
    endsAt: z.number().int().nonnegative().optional(),
    /** When it really ended (set by "结束"). */
    endedAt: z.number().int().nonnegative().optional()
  })
  .refine((i) => i.endsAt === undefined || i.endsAt >= i.startsAt, {
    path: ['endsAt'],
    message: 'validation.endBeforeStart'
  });
export type Incident = z.infer<typeof incidentSchema>;

/** One call about an incident: a row of its own, so two tablets counting calls never collide. */
export const incidentCallSchema = z.object({
  ...recordBase,
  incidentId: z.string().min(1),
  unitId: z.string().optional(),
  personId: z.string().optional(),
  callerName: z.string().trim().max(60).default(''),
  callerPhone: z.string().trim().max(30).default(''),
  note: z.string().trim().max(500).default(''),
  at: z.number().int().nonnegative(),
  staffId: z.string().min(1)
});
export type IncidentCall = z.infer<typeof incidentCallSchema>;

/** Whether an incident is going on at a moment (started, not ended, not past its announced end). */
export function incidentActive(i: Incident, now: number): boolean {
  if (i.deleted || i.startsAt > now) return false;
  if (i.endedAt !== undefined) return i.endedAt > now;
  // Not ended by hand: it lasts until its announced end, or until someone ends it.
  return i.endsAt === undefined || i.endsAt > now;
}
