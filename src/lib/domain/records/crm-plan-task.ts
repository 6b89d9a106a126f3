import { z } from 'zod';
import { recordBase, requiredText } from '../record';
import { roles } from '../roles';

/** What a plan item is (002): festivals and events, special-care attention, publishing duty… */
export const planTaskKinds = [
  'festival',
  'event',
  'fireSafety',
  'specialCare',
  'publishing',
  'survey',
  'other'
] as const;
export type PlanTaskKind = (typeof planTaskKinds)[number];

/** One item of the yearly plan with its date, place and people; it shows in Today on the day. */
export const planTaskSchema = z.object({
  ...recordBase,
  planId: z.string().min(1),
  kind: z.enum(planTaskKinds),
  title: requiredText(80),
  date: z.iso.date('validation.date'),
  place: z.string().trim().max(80, 'validation.tooLong').default(''),
  /** Who takes part (002 人员), as written. */
  people: z.string().trim().max(200, 'validation.tooLong').default(''),
  /** Who does it: a person, or everyone of a role. */
  assigneeId: z.string().optional(),
  assigneeRole: z.enum(roles).optional(),
  doneAt: z.number().int().nonnegative().optional(),
  doneNote: z.string().trim().max(500, 'validation.tooLong').default('')
});
export type PlanTask = z.infer<typeof planTaskSchema>;
