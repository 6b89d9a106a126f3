import { z } from 'zod';
import { recordBase } from '../record';
import { blobHash } from './ticket';
import { ownerFormKinds } from './owner-link';

/**
 * What the desk does with a submission (issue 16 §2): new ones wait in the intake queue; one
 * becomes a service request (accepted), is marked spam (kept, never deleted: like malicious
 * complaints, 001), or — a suggestion-box note the office only reads — is marked read.
 */
export const ownerSubmissionStates = ['new', 'accepted', 'spam', 'read'] as const;

/**
 * One owner submission fetched from the relay's inbox and opened on a desk device (issue 16
 * §2). `type` is the sealed envelope's (lib/owner-inbox/payload.ts): `request` fills the
 * fields below; `rating` names the request it rates; other types (the survey's) keep their
 * content in `data` for their own area. `inboxId` is the relay's id of it: a second device
 * fetching the same item before the first deleted it writes the same record id (idempotent).
 */
export const ownerSubmissionSchema = z.object({
  ...recordBase,
  type: z.string().min(1).max(32),
  linkId: z.string().max(64).optional(),
  tag: z.string().max(40),
  receivedAt: z.number().int().nonnegative(),
  sentAt: z.number().int().nonnegative(),
  state: z.enum(ownerSubmissionStates).default('new'),
  kind: z.enum(ownerFormKinds).optional(),
  text: z.string().max(2000).default(''),
  name: z.string().max(60).default(''),
  phone: z.string().max(30).default(''),
  place: z.string().max(100).default(''),
  photos: z.array(blobHash).max(3).default([]),
  /** The status link's id and key (base64url): the office publishes updates with them. */
  statusId: z.string().max(40).optional(),
  statusKey: z.string().max(64).optional(),
  /** The request it became (request) or the one it rates (rating). */
  ticketId: z.string().optional(),
  score: z.number().int().min(1).max(5).optional(),
  /** Other types' content as it came (validated by their own area). */
  data: z.record(z.string(), z.unknown()).optional(),
  /** Why a survey answer by link was not counted (domain/survey/link-answer.ts reasons). */
  refusal: z.string().max(32).optional(),
  handledBy: z.string().optional(),
  handledAt: z.number().int().nonnegative().optional()
});
export type OwnerSubmission = z.infer<typeof ownerSubmissionSchema>;
