import { z } from 'zod';
import { recordBase } from '../record';

/**
 * The steps of a shift's handover (003 §3.9 1.): the outgoing shift marks its log ready
 * and signs; the incoming shift refuses with a reason (escalated to the supervisor or
 * manager) or accepts and signs; the supervisor notes how a refusal was dealt with; the
 * manager or duty head reviews the day. Write-once events, like a request's timeline, so
 * steps taken on two tablets at once are all kept and the flow (domain/handover/flow.ts)
 * decides what they mean.
 */
export const handoverEventTypes = ['ready', 'refuse', 'resolve', 'accept', 'review'] as const;
export type HandoverEventType = (typeof handoverEventTypes)[number];

/**
 * What a signature fixes: the document exactly as it was signed. `snapshot` is the SHA-256
 * of the Yjs state (the bytes are stored as a blob, db/blobs.ts), `equipment` the checklist
 * items the signer saw, so the signed record renders the same whatever happens later.
 */
export const handoverSignature = z.object({
  snapshot: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  equipment: z.array(z.string()).max(60).default([])
});
export type HandoverSignature = z.infer<typeof handoverSignature>;

export const handoverEventSchema = z.object({
  ...recordBase,
  shiftId: z.string().min(1),
  type: z.enum(handoverEventTypes),
  at: z.number().int().nonnegative(),
  /** Who signed or acted (may differ from who was signed in: both sign on one tablet). */
  staffId: z.string().min(1),
  reason: z.string().trim().max(1000).optional(),
  signature: handoverSignature.optional()
});
export type HandoverEvent = z.infer<typeof handoverEventSchema>;

/** A refusal must say why (003 §3.9 1.5]: the incoming shift names the problem). */
export const refusalForm = z.object({
  reason: z.string().trim().min(1, 'validation.required').max(1000, 'validation.tooLong')
});
