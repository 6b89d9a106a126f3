import { z } from 'zod';
import { recordBase } from '../record';

/**
 * Who visits a household of a plan (001 §4.3: the supervisor arranges the visits). One row per
 * household, id `<planId>/<unitId>`, so assigning two households on two tablets never clashes.
 */
export const visitAssignmentSchema = z.object({
  ...recordBase,
  planId: z.string().min(1),
  unitId: z.string().min(1),
  visitorId: z.string().min(1, 'validation.required')
});
export type VisitAssignment = z.infer<typeof visitAssignmentSchema>;

export function visitAssignmentId(planId: string, unitId: string): string {
  return `${planId}/${unitId}`;
}
