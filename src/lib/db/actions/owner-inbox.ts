import { z } from 'zod';
import {
  ownerFormKinds,
  ownerLinkAsks,
  ownerLinkKinds,
  type OwnerLink
} from '$lib/domain/records/owner-link';
import type { OwnerSubmission } from '$lib/domain/records/owner-submission';
import type { TicketKind } from '$lib/domain/records/ticket';
import { departments } from '$lib/domain/tickets/departments';
import { withoutClocks } from '$lib/oplog/format';
import { database, type GuanjiaDexie } from '../database';
import { parseForm } from '../form-error';
import { write, type Actor, type Change } from '../write';
import { WriteError } from '../write-error';
import { recordIntake, recordStep } from './tickets';

/**
 * The desk's writes for owner links and what owners send (issue 16). Nothing here talks to the
 * relay: lib/owner-inbox/intake.ts fetches, opens and hands the records to `storeSubmissions`.
 */

export const ownerLinkForm = z
  .object({
    kind: z.enum(ownerLinkKinds, 'validation.choose'),
    communityId: z.string().min(1, 'validation.required'),
    buildingId: z.string().optional(),
    unitId: z.string().optional(),
    label: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
    kinds: z.array(z.enum(ownerFormKinds)).min(1, 'validation.choose').max(4),
    askName: z.enum(ownerLinkAsks),
    askPhone: z.enum(ownerLinkAsks),
    readEveryDays: z.number().int().min(1, 'validation.invalid').max(90).optional()
  })
  .refine((f) => f.kind !== 'household' || !!f.unitId, {
    path: ['unitId'],
    message: 'validation.required'
  });
export type OwnerLinkForm = z.input<typeof ownerLinkForm>;

/** A new link record with its relay tag (the caller opens the tag on the relay). */
export async function createOwnerLink(
  actor: Actor,
  input: OwnerLinkForm,
  tag: string,
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<string> {
  const form = parseForm(ownerLinkForm, input);
  const value = {
    ...form,
    readEveryDays: form.kind === 'box' ? (form.readEveryDays ?? 7) : undefined,
    tag,
    closed: false
  };
  const [id] = await write(actor, [{ op: 'create', table: 'ownerLink', value }], options);
  return id;
}

export async function closeOwnerLink(actor: Actor, id: string, db = database()): Promise<void> {
  await write(actor, [{ op: 'update', table: 'ownerLink', id, patch: { closed: true } }], { db });
}

/** Stores opened submissions; those a device already stored (same id) are left as they are. */
export async function storeSubmissions(
  actor: Actor,
  submissions: (Partial<OwnerSubmission> &
    Pick<OwnerSubmission, 'id' | 'type' | 'tag' | 'receivedAt' | 'sentAt'>)[],
  db: GuanjiaDexie = database()
): Promise<number> {
  const known = new Set(
    (await db.ownerSubmission.bulkGet(submissions.map((s) => s.id))).flatMap((row) =>
      row ? [row.id] : []
    )
  );
  const fresh = submissions.filter((s) => !known.has(s.id));
  if (fresh.length)
    await write(
      actor,
      fresh.map((value): Change => ({ op: 'create', table: 'ownerSubmission', value })),
      { db }
    );
  return fresh.length;
}

const kindOf: Record<(typeof ownerFormKinds)[number], TicketKind> = {
  repair: 'repair',
  complaint: 'complaint',
  suggestion: 'suggestion',
  praise: 'praise'
};

export const acceptForm = z.object({
  kind: z.enum(ownerFormKinds, 'validation.choose'),
  dispatchTo: z.enum(departments).optional()
});

/**
 * A submission becomes a service request with channel 业主链接 (or 意见箱 for the box), in one
 * write with the submission's state: both or neither (issue 16 §2).
 */
export async function acceptSubmission(
  actor: Actor,
  id: string,
  input: z.input<typeof acceptForm>,
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<string> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const form = parseForm(acceptForm, input);
  const stored = await db.ownerSubmission.get(id);
  if (!stored || stored.state !== 'new' || stored.type !== 'request')
    throw new WriteError('notFound', [
      { change: 0, path: [], message: 'inbox.notWaiting', code: 'notFound' }
    ]);
  const submission = withoutClocks(stored) as unknown as OwnerSubmission;
  const linkRow = submission.linkId ? await db.ownerLink.get(submission.linkId) : undefined;
  const link: Partial<OwnerLink> = linkRow ? (withoutClocks(linkRow) as unknown as OwnerLink) : {};
  if (!link.communityId)
    throw new WriteError('invalid', [
      { change: 0, path: [], message: 'inbox.unknownLink', code: 'invalid' }
    ]);
  return recordIntake(
    actor,
    {
      kind: kindOf[form.kind],
      channel: link.kind === 'box' ? 'suggestionBox' : 'ownerLink',
      communityId: link.communityId,
      unitId: link.unitId,
      callerName: submission.name,
      callerPhone: submission.phone,
      // A lobby poster: where the owner said, else the poster's own place.
      location: submission.place || (link.unitId ? '' : (link.label ?? '')),
      content: submission.text,
      photos: submission.photos,
      dispatchTo: form.dispatchTo
    },
    {
      db,
      now,
      with: (ticketId) => [
        {
          op: 'update',
          table: 'ownerSubmission',
          id,
          patch: { state: 'accepted', ticketId, handledBy: actor.staffId, handledAt: now }
        }
      ]
    }
  );
}

/** Spam (kept, never deleted) or read (a suggestion the office only takes note of). */
export async function markSubmission(
  actor: Actor,
  id: string,
  state: 'spam' | 'read',
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<void> {
  const now = options.now ?? Date.now();
  await write(
    actor,
    [
      {
        op: 'update',
        table: 'ownerSubmission',
        id,
        patch: { state, handledBy: actor.staffId, handledAt: now }
      }
    ],
    options
  );
}

/** The desk went through the suggestion box (its reading schedule starts again). */
export async function markBoxRead(
  actor: Actor,
  linkId: string,
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<void> {
  const now = options.now ?? Date.now();
  await write(
    actor,
    [{ op: 'update', table: 'ownerLink', id: linkId, patch: { lastReadAt: now } }],
    options
  );
}

/**
 * The owner's rating through the status link lands on the request as its `rated` step; the
 * rating submission is stored accepted, pointing at it. Returns false when no request is known
 * for that status link yet (the rating then waits in the queue).
 */
export async function applyRating(
  actor: Actor,
  ratingId: string,
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<boolean> {
  const db = options.db ?? database();
  const rating = await db.ownerSubmission.get(ratingId);
  if (!rating || rating.state !== 'new' || typeof rating.statusId !== 'string') return false;
  const origin = await db.ownerSubmission
    .where('statusId')
    .equals(rating.statusId)
    .filter((s) => s.type === 'request' && typeof s.ticketId === 'string')
    .first();
  if (!origin || typeof origin.ticketId !== 'string') return false;
  const score = Number(rating.score);
  const comment = String(rating.text ?? '');
  await recordStep(
    actor,
    origin.ticketId,
    'rated',
    { stars: score, ...(comment ? { comment } : {}) },
    // Both tablets may fetch the same rating: one event id, one rating on every device.
    { ...options, eventId: `${ratingId}-rated` }
  );
  await write(
    actor,
    [
      {
        op: 'update',
        table: 'ownerSubmission',
        id: ratingId,
        patch: {
          state: 'accepted',
          ticketId: origin.ticketId,
          handledAt: options.now ?? Date.now()
        }
      }
    ],
    { db, now: options.now }
  );
  return true;
}

/**
 * Ratings that came before this device knew their request (the request was taken on another
 * tablet and had not synced here yet) wait in the queue; applied whenever submissions change.
 * Idempotent: one event id per rating (applyRating). How many it applied.
 */
export async function applyWaitingRatings(
  actor: Actor,
  options: { db?: GuanjiaDexie; now?: number } = {}
): Promise<number> {
  const db = options.db ?? database();
  const waiting = await db.ownerSubmission
    .where('state')
    .equals('new')
    .filter((s) => s.type === 'rating')
    .primaryKeys();
  let applied = 0;
  for (const id of waiting)
    if (await applyRating(actor, String(id), { ...options, db }).catch(() => false)) applied++;
  return applied;
}
