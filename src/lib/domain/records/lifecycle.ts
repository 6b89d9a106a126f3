import { z } from 'zod';
import { recordBase, requiredText } from '../record';

/** The three procedures of a unit's life (DOMAIN "Move-in, renovation, move-out"; 003 §3.1, §3.2, §3.13). */
export const procedureKinds = ['moveIn', 'renovation', 'moveOut'] as const;
export type ProcedureKind = (typeof procedureKinds)[number];

/**
 * One move-in, renovation or move-out of a unit. Like a service request, where it stands is
 * not a field: it is folded from its events (lifecycleEvent), so two tablets recording steps
 * offline both keep theirs (lib/domain/lifecycle). The fields are what the desk wrote down
 * when the procedure was opened.
 */
export const lifecycleSchema = z.object({
  ...recordBase,
  kind: z.enum(procedureKinds),
  communityId: z.string().min(1, 'validation.required'),
  unitId: z.string().min(1, 'validation.required'),
  /** The customer in the archive, once known (a move-in registers them on the way). */
  personId: z.string().optional(),
  /** Who applies, as given: the customer, or for a renovation the contractor's contact. */
  applicant: requiredText(60),
  phone: z.string().trim().max(30).default(''),
  /** Reference on the forms: ZX-20261205-A001 (kind, office date, device, sequence). */
  number: requiredText(30),
  /**
   * The unit's floor area when the procedure was opened: the renovation's fire-approval
   * rule (003 §3.2.4 3.1]) is judged on it, so every device folds the same answer.
   */
  areaM2: z.number().nonnegative().default(0),
  /** Renovation: the contractor firm (装修方). */
  contractor: z.string().trim().max(100).default('')
});
export type Procedure = z.infer<typeof lifecycleSchema>;

/**
 * One step of a procedure: who did what, when. Write-once, like ticketEvent, so every device
 * folds the same list; `type` stays an open string (events of a newer app version are kept);
 * lib/domain/lifecycle/event-data.ts validates the known ones.
 */
export const lifecycleEventSchema = z.object({
  ...recordBase,
  procedureId: z.string().min(1),
  type: z.string().min(1).max(40),
  at: z.number().int().nonnegative(),
  staffId: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({})
});
export type ProcedureEvent = z.infer<typeof lifecycleEventSchema>;
