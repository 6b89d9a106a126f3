import { z } from 'zod';
import { blobHash, ticketChannels, ticketKinds } from '../records/ticket';
import { departments } from './departments';

/**
 * What the desk fills in at intake (issue 6 §4: under 30 seconds for a common repair):
 * who, where, what kind, what was said, photos; optionally dispatched at once.
 */
export const intakeForm = z
  .object({
    kind: z.enum(ticketKinds, 'validation.choose'),
    channel: z.enum(ticketChannels, 'validation.choose'),
    communityId: z.string().min(1, 'validation.required'),
    unitId: z.string().optional(),
    personId: z.string().optional(),
    callerName: z.string().trim().max(60).default(''),
    callerPhone: z
      .string()
      .trim()
      .max(30)
      .regex(/^[\d\s+()-]*$/, 'validation.phone')
      .default(''),
    location: z.string().trim().max(100).default(''),
    category: z.string().trim().max(40).default(''),
    content: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong'),
    urgent: z.boolean().default(false),
    outsideServiceList: z.boolean().default(false),
    appointmentAt: z.number().int().nonnegative().optional(),
    incidentId: z.string().optional(),
    photos: z.array(blobHash).max(12).default([]),
    /** 003 §3.3.4 item 1: the desk apologised to the complaining customer. */
    apologized: z.boolean().default(false),
    /** Dispatch at once (a repair to engineering, a complaint is assigned later). */
    dispatchTo: z.enum(departments).optional(),
    assigneeId: z.string().optional()
  })
  // A request is about a unit or a place in the common areas: the engineer must find it.
  .refine((f) => !!f.unitId || f.location.length > 0 || f.kind !== 'repair', {
    path: ['location'],
    message: 'tickets.validation.whereRequired'
  });
export type IntakeForm = z.input<typeof intakeForm>;
