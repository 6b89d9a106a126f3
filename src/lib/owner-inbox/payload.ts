/**
 * What travels inside a sealed submission (seal.ts) and inside a status update. zod/mini: the
 * owner page validates at the field with the same schemas the desk checks on opening, at a
 * fraction of full zod's weight on a phone. Relative imports (the relay's tests use it).
 *
 * Every submission is `{ v: 1, type, at, data }`; `type` says whose it is:
 * - `request`: a repair, complaint, suggestion or praise from an owner link (this file);
 * - `rating`: the owner's rating of a finished request, through its status link (this file);
 * - other types (the satisfaction survey's `survey`) bring their own schema for `data`; the
 *   desk keeps them as they came for their area to read.
 */
import * as z from 'zod/mini';

export const submissionKinds = ['repair', 'complaint', 'suggestion', 'praise'] as const;
export type SubmissionKind = (typeof submissionKinds)[number];

export const MAX_TEXT = 2000;
export const MAX_PHOTOS = 3;
/** One photo after the phone compressed it (JPEG, longest side 1280 px). */
export const MAX_PHOTO_BYTES = 400_000;

const b64 = z.string().check(z.regex(/^[A-Za-z0-9_-]*$/));
const statusId = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));

/** Phone numbers as people write them in China: digits, spaces, +, - (landlines with area code). */
export const phoneSchema = z
  .string()
  .check(z.trim(), z.maxLength(30), z.regex(/^[+\d][\d\s-]{4,28}$/, 'ownerForm.phoneInvalid'));
export const nameSchema = z.string().check(z.trim(), z.maxLength(60, 'ownerForm.tooLong'));
export const textSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(2, 'ownerForm.textRequired'),
    z.maxLength(MAX_TEXT, 'ownerForm.tooLong')
  );

export const submissionEnvelopeSchema = z.object({
  v: z.literal(1),
  type: z.string().check(z.regex(/^[a-z][a-zA-Z]{1,30}$/)),
  /** The phone's clock when the owner pressed send (the relay adds its own receive time). */
  at: z.number().check(z.int(), z.nonnegative()),
  data: z.unknown()
});
export type SubmissionEnvelope = z.infer<typeof submissionEnvelopeSchema>;

export const requestDataSchema = z.object({
  kind: z.enum(submissionKinds),
  text: textSchema,
  name: z.optional(nameSchema),
  phone: z.optional(z.union([z.literal(''), phoneSchema])),
  /** Where, as the owner typed it (room, floor, common area). */
  place: z.optional(z.string().check(z.trim(), z.maxLength(100, 'ownerForm.tooLong'))),
  /** The link the office made (its id in the office's records: poster, household, box). */
  link: z.string().check(z.minLength(1), z.maxLength(64)),
  photos: z
    .array(z.object({ type: z.literal('image/jpeg'), data: b64 }))
    .check(z.maxLength(MAX_PHOTOS)),
  /** Where the office's status updates go (the key stays on the phone and in the link). */
  status: z.object({ id: statusId, key: b64 })
});
export type RequestData = z.infer<typeof requestDataSchema>;

export const ratingDataSchema = z.object({
  status: statusId,
  score: z.number().check(z.int(), z.minimum(1), z.maximum(5)),
  comment: z.string().check(z.trim(), z.maxLength(500, 'ownerForm.tooLong'))
});
export type RatingData = z.infer<typeof ratingDataSchema>;

export const statusStates = ['received', 'dispatched', 'done', 'closed'] as const;
export type StatusState = (typeof statusStates)[number];

/** One status update the office publishes for a submission's status link. */
export const statusUpdateSchema = z.object({
  state: z.enum(statusStates),
  /** The request's reference (BX-20261123-A007), shown to the owner. */
  number: z.string().check(z.maxLength(30)),
  /** The office's reply, when done. */
  reply: z.string().check(z.maxLength(2000)),
  at: z.number().check(z.int(), z.nonnegative()),
  /** Whether the office already has the owner's rating. */
  rated: z.boolean()
});
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;
