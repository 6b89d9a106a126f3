import { z } from 'zod';
import { blobHash } from '../records/ticket';
import { departments } from './departments';

/**
 * What each event of a request carries (its `data`), by type. The event type names are
 * those of the demo office's timelines (lib/demo/workflows.ts) plus the steps the desk
 * needs beyond them (review, reassign, defer, notes, rating, cancel).
 */
const text = (max: number) => z.string().trim().min(1, 'validation.required').max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const moment = z.number().int().nonnegative();
export const returnVisitMethods = ['phone', 'door', 'written'] as const;
export const materialsChecks = ['none', 'pass', 'fail'] as const;
export const paymentMethods = ['wechat', 'alipay', 'cash', 'card'] as const;

export const eventData = {
  /** 003 §3.3.4 item 1: a complaint is recorded with an apology. */
  recorded: z.object({ apologized: z.boolean().optional() }),
  /** 003 §3.4.4 items 2–3: the 工程维修单 goes to engineering; the receiver signs. */
  dispatched: z.object({
    department: z.enum(departments, 'validation.choose'),
    assigneeId: z.string().min(1).optional(),
    appointmentAt: moment.optional(),
    receiverSignature: blobHash.optional()
  }),
  reassigned: z.object({
    department: z.enum(departments).optional(),
    assigneeId: z.string().min(1, 'validation.required'),
    reason: optionalText(200)
  }),
  accepted: z.object({}),
  arrived: z.object({}),
  /** 003 §3.4.4 items 6–7: the work done; customer-supplied material checked pass/fail. */
  done: z.object({
    record: text(1000),
    materialsCheck: z.enum(materialsChecks).default('none'),
    photos: z.array(blobHash).max(12).optional()
  }),
  /** 003 §3.4.4 item 8: the customer tries it and signs the work order. */
  ownerSigned: z.object({
    signature: blobHash.optional(),
    signerName: optionalText(60)
  }),
  /** 004: return visits by phone, at the door or in writing; satisfied or not. */
  returnVisit: z.object({
    method: z.enum(returnVisitMethods, 'validation.choose'),
    satisfied: z.boolean(),
    comment: optionalText(500)
  }),
  /** The owner's own rating at closure, next to the return visit. */
  rated: z.object({ stars: z.number().int().min(1).max(5), comment: optionalText(500) }),
  reopened: z.object({ reason: text(500) }),
  closed: z.object({}),
  /** 003 §3.4.4 item 5: the engineering supervisor reviews items outside the service list. */
  reviewRequested: z.object({}),
  reviewed: z.object({ approved: z.boolean(), comment: optionalText(500) }),
  verified: z.object({ note: optionalText(500) }),
  /** 003 §3.3.4 items 2–3: a department and a deadline; serious ones go to the manager. */
  assigned: z.object({
    department: z.enum(departments, 'validation.choose'),
    deadline: moment,
    serious: z.boolean().default(false)
  }),
  result: z.object({ text: text(1000) }),
  /** 003 §3.3.4 item 5: the department head signs the complaint record. */
  headSigned: z.object({ signature: blobHash.optional() }),
  /** 003 §3.3.4 item 6, 001: malicious complaints are marked, never deleted. */
  markedMalicious: z.object({ reason: text(500) }),
  /** 003 §3.12.4 item 2: fee notice with content, time and price, signed by the customer. */
  feeNoticeSigned: z.object({
    price: z.number().min(0).max(1_000_000),
    scheduledAt: moment.optional(),
    signature: blobHash.optional()
  }),
  serviceDone: z.object({ record: text(1000) }),
  paid: z.object({
    amount: z.number().min(0).max(1_000_000),
    method: z.enum(paymentMethods),
    signature: blobHash.optional()
  }),
  rework: z.object({ reason: text(500) }),
  /** The customer refuses to pay: handed over to those who recover fees. */
  handedOver: z.object({ to: text(40) }),
  answered: z.object({ text: text(1000) }),
  /** Put off until a date, on which it comes back by itself (issue 6 §6). */
  deferred: z.object({ until: moment, reason: text(500) }),
  resumed: z.object({}),
  /** Internal notes stay apart from what the owner is told. */
  note: z.object({ text: text(2000), internal: z.boolean().default(true) }),
  photoAdded: z.object({ photos: z.array(blobHash).min(1).max(12) }),
  cancelled: z.object({ reason: text(500) })
} as const;

export type EventType = keyof typeof eventData;
export const eventTypes = Object.keys(eventData) as EventType[];
export type EventData<T extends EventType> = z.output<(typeof eventData)[T]>;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventData, type);
}
