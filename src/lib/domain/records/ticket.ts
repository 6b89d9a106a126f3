import { z } from 'zod';
import { recordBase, requiredText } from '../record';

export const ticketKinds = [
  'repair',
  'complaint',
  'inquiry',
  'suggestion',
  'paidService',
  'praise'
] as const;
export const ticketChannels = [
  'phone',
  'counter',
  'visit',
  'ownerLink',
  'patrol',
  'suggestionBox'
] as const;

/**
 * A service request (DOMAIN "Service requests"). Its status is not a field: it is derived
 * from its events (ticketEvent), so concurrent transitions from two tablets both stay in
 * the timeline (DESIGN.md "Records and sync").
 */
export const ticketSchema = z.object({
  ...recordBase,
  kind: z.enum(ticketKinds),
  channel: z.enum(ticketChannels),
  communityId: z.string().min(1, 'validation.required'),
  /** Absent for a common-area request. */
  unitId: z.string().optional(),
  personId: z.string().optional(),
  category: z.string().trim().max(40).default(''),
  content: requiredText(2000),
  urgent: z.boolean().default(false),
  /** Reference shown to the owner and on forms, e.g. BX-20261123-0007. */
  number: requiredText(30)
});
export type Ticket = z.infer<typeof ticketSchema>;

/** One step of a request's workflow: who did what, when (a write-once record). */
export const ticketEventSchema = z.object({
  ...recordBase,
  ticketId: z.string().min(1),
  type: z.string().min(1).max(40),
  at: z.number().int().nonnegative(),
  staffId: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({})
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;
