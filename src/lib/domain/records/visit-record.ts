import { z } from 'zod';
import { recordBase } from '../record';
import { blobHash } from './ticket';
import { visitMethods } from './visit-appointment';

/** The eleven topics of a visit (001 §4.1 item 3, 1)–11)), in the seed's order. */
export const visitTopics = [
  'security',
  'cleaning',
  'greening',
  'repairs',
  'facilities',
  'serviceAbility',
  'convenience',
  'culture',
  'meetingNeeds',
  'difficulties',
  'other'
] as const;
export type VisitTopic = (typeof visitTopics)[number];

/** 001 §4.3: the record notes the owner's opinions, suggestions and needs. */
export const visitItemKinds = ['opinion', 'suggestion', 'need'] as const;
export type VisitItemKind = (typeof visitItemKinds)[number];

export const visitItemSchema = z.object({
  /** Stable within the record: a routed item is named by it (visitRoute.itemId). */
  id: z.string().min(1).max(40),
  topic: z.enum(visitTopics, 'validation.choose'),
  kind: z.enum(visitItemKinds, 'validation.choose'),
  text: z.string().trim().min(1, 'validation.required').max(1000, 'validation.tooLong')
});
export type VisitItem = z.infer<typeof visitItemSchema>;

const recordFields = {
  unitId: z.string().min(1, 'validation.required'),
  communityId: z.string().min(1, 'validation.required'),
  planId: z.string().optional(),
  appointmentId: z.string().optional(),
  personId: z.string().optional(),
  /** Who was visited, as they gave their name. */
  ownerName: z.string().trim().max(60).default(''),
  visitorId: z.string().min(1, 'validation.required'),
  method: z.enum(visitMethods, 'validation.choose'),
  visitedAt: z.number('validation.required').int().nonnegative(),
  /** A return visit 回访 is recorded too, but does not count toward the quota (001 §4.3). */
  returnVisit: z.boolean().default(false),
  items: z.array(visitItemSchema).max(40, 'validation.tooMany').default([]),
  /** Anything said that is not an item. */
  notes: z.string().trim().max(2000, 'validation.tooLong').default(''),
  photos: z.array(blobHash).max(12, 'validation.tooMany').default([]),
  /** The owner's signature on the tablet (a blob), or `signatureRefused` (不得强求: 001 §4.3). */
  signature: blobHash.optional(),
  signatureRefused: z.boolean().default(false),
  /** When the visitor handed the record in: late after the next day (001 §4.3). */
  handedInAt: z.number().int().nonnegative()
};

const signedOrRefused = (r: { method: string; signature?: string; signatureRefused: boolean }) =>
  r.method === 'phone' || r.signature !== undefined || r.signatureRefused;
const signatureIssue = () => ({ path: ['signature'], message: 'visits.validation.signature' });

/** 业户访问记录 (001 §4.3): one visit of one household. */
export const visitRecordSchema = z
  .object({ ...recordBase, ...recordFields })
  .refine(signedOrRefused, signatureIssue());
export type VisitRecord = z.infer<typeof visitRecordSchema>;

export const visitRecordForm = z.object(recordFields).refine(signedOrRefused, signatureIssue());
export type VisitRecordForm = z.input<typeof visitRecordForm>;
