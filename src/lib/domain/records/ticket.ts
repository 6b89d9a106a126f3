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
export type TicketKind = (typeof ticketKinds)[number];

export const ticketChannels = [
  'phone',
  'counter',
  'visit',
  'ownerLink',
  'patrol',
  'suggestionBox'
] as const;
export type TicketChannel = (typeof ticketChannels)[number];

/** A content hash of a blob (photo, signature) in lib/db/blobs: 64 hex digits of SHA-256. */
export const blobHash = z.string().regex(/^[0-9a-f]{64}$/, 'validation.invalid');

/**
 * A service request (DOMAIN "Service requests"). Its status is not a field: it is derived
 * from its events (ticketEvent), so concurrent transitions from two tablets both stay in
 * the timeline (DESIGN.md "Records and sync"). The fields here are what the desk wrote
 * down at intake and may correct later (field-level LWW).
 */
export const ticketSchema = z.object({
  ...recordBase,
  kind: z.enum(ticketKinds),
  channel: z.enum(ticketChannels),
  communityId: z.string().min(1, 'validation.required'),
  /** Absent for a common-area request. */
  unitId: z.string().optional(),
  personId: z.string().optional(),
  /** 003 §3.3.6 / §3.4.4: the customer's name and phone as given, even if not in the archive. */
  callerName: z.string().trim().max(60).default(''),
  callerPhone: z.string().trim().max(30).default(''),
  /** Where, for a common-area request ("3号楼2单元电梯"). */
  location: z.string().trim().max(100).default(''),
  category: z.string().trim().max(40).default(''),
  content: requiredText(2000),
  urgent: z.boolean().default(false),
  /** Reference shown to the owner and on forms, e.g. BX-20261123-A007. */
  number: requiredText(30),
  /** Photos taken at intake (blob hashes). */
  photos: z.array(blobHash).max(12).default([]),
  /** The water or power cut this call is about, if any (calls attach to it). */
  incidentId: z.string().optional(),
  /** 003 §3.4.4 item 5: an in-unit item outside the service list needs the engineering supervisor's yes first. */
  outsideServiceList: z.boolean().default(false),
  /** The time the customer asked for (预约维修时间), if any. */
  appointmentAt: z.number().int().nonnegative().optional()
});
export type Ticket = z.infer<typeof ticketSchema>;

/**
 * One step of a request's workflow: who did what, when. Write-once: never updated, never
 * deleted, so every device folds the same list. `type` stays an open string so that events
 * of a newer app version are kept; lib/domain/tickets/event-data.ts validates the known ones.
 */
export const ticketEventSchema = z.object({
  ...recordBase,
  ticketId: z.string().min(1),
  type: z.string().min(1).max(40),
  at: z.number().int().nonnegative(),
  staffId: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({})
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;
