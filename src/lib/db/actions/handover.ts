import { stepError, type Participant } from '$lib/domain/handover/flow';
import {
  refusalForm,
  type HandoverEventType,
  type HandoverSignature
} from '$lib/domain/records/handover';
import { shiftId, type HandoverStatus, type ShiftSlot } from '$lib/domain/records/shift';
import type { Role } from '$lib/domain/roles';
import { putBlob } from '../blobs';
import { database, type GuanjiaDexie } from '../database';
import { parseForm } from '../form-error';
import { signIn } from './sign-in';
import { getHandover, getShift, listShifts } from '../queries/handover';
import { write, type Actor, type Change } from '../write';
import { WriteError } from '../write-error';

interface Options {
  db?: GuanjiaDexie;
  now?: number;
}

/** The media type of a signed snapshot blob: a Yjs state update. */
export const SNAPSHOT_TYPE = 'application/vnd.yjs.update';

function refuse(message: string, path: (string | number)[] = []): never {
  throw new WriteError('invalid', [{ change: 0, path, message, code: 'custom' }]);
}

/**
 * The shift (date + slot) as a record, created the first time anyone opens it. Its id is
 * made of date and slot, so two tablets opening it offline make the same record.
 */
export async function openShift(
  actor: Actor,
  at: { date: string; slot: ShiftSlot },
  { db = database(), now }: Options = {}
): Promise<string> {
  const id = shiftId(at.date, at.slot);
  if (await getShift(id, db)) return id;
  await write(
    actor,
    [{ op: 'create', table: 'shift', value: { id, date: at.date, slot: at.slot, staffIds: [] } }],
    { db, now }
  );
  return id;
}

/** The roster: who is on duty in a shift (planned by the manager or supervisor, or the desk itself). */
export async function setShiftStaff(
  actor: Actor,
  id: string,
  staffIds: string[],
  { db = database(), now }: Options = {}
): Promise<void> {
  await write(actor, [{ op: 'update', table: 'shift', id, patch: { staffIds } }], { db, now });
}

/**
 * A signature on a shared tablet: the signer picks their name and types their PIN, so the
 * incoming person signs on the outgoing person's tablet without switching user. Returns the
 * signer as the actor of the step (the op log then names who signed).
 */
export async function signerFor(
  staffId: string,
  pin: string,
  db: GuanjiaDexie = database(),
  now = Date.now()
): Promise<Actor> {
  // The same check and the same wrong-PIN counter as sign-in (sign-in.ts): no second door
  // for guessing while the sign-in screen is locked.
  const checked = await signIn(staffId, pin, db, now);
  if (checked.ok) return { staffId, role: checked.staff.role as Role };
  if (checked.reason === 'unknown') refuse('handover.error.signerRequired', ['signer']);
  if (checked.reason === 'locked') refuse('handover.error.pinLocked', ['pin']);
  refuse('handover.error.wrongPin', ['pin']);
}

async function step(
  actor: Actor,
  id: string,
  type: HandoverEventType,
  extra: { reason?: string; signature?: HandoverSignature; status?: HandoverStatus },
  { db = database(), now = Date.now() }: Options
): Promise<void> {
  const handover = await getHandover(id, db);
  if (!handover) refuse('handover.error.noShift');
  const who: Participant = { staffId: actor.staffId, role: actor.role };
  const error = stepError(handover.state, type, who, extra.reason);
  if (error) refuse(error, error === 'handover.error.reasonRequired' ? ['reason'] : []);
  const changes: Change[] = [
    {
      op: 'create',
      table: 'handoverEvent',
      value: {
        shiftId: id,
        type,
        at: now,
        staffId: actor.staffId,
        reason: extra.reason,
        signature: extra.signature
      }
    }
  ];
  const patch =
    type === 'review' ? { reviewedAt: now } : extra.status ? { status: extra.status } : null;
  if (patch) changes.push({ op: 'update', table: 'shift', id, patch });
  await write(actor, changes, { db, now });
}

/**
 * A signed step: the snapshot is stored as a blob first (an orphan blob is harmless), then
 * the event that names it, with exactly what was signed.
 */
async function signedStep(
  signer: Actor,
  id: string,
  type: 'ready' | 'accept',
  status: HandoverStatus,
  snapshot: Uint8Array,
  equipment: string[],
  options: Options
): Promise<void> {
  const db = options.db ?? database();
  const hash = await putBlob(snapshot, SNAPSHOT_TYPE, db);
  const signature = { snapshot: hash, size: snapshot.byteLength, equipment };
  await step(signer, id, type, { signature, status }, { ...options, db });
}

/** 交班: the outgoing shift marks its log ready and signs it, as it is now (`snapshot`). */
export async function markReady(
  signer: Actor,
  id: string,
  snapshot: Uint8Array,
  equipment: string[],
  options: Options = {}
): Promise<void> {
  await signedStep(signer, id, 'ready', 'ready', snapshot, equipment, options);
}

/** 拒绝接班: the incoming shift refuses with a reason; it goes to the supervisor and manager. */
export async function refuseHandover(
  signer: Actor,
  id: string,
  reason: string,
  options: Options = {}
): Promise<void> {
  const form = parseForm(refusalForm, { reason });
  await step(signer, id, 'refuse', { reason: form.reason, status: 'refused' }, options);
}

/** The supervisor or manager records how a refusal was dealt with. */
export async function resolveRefusal(
  actor: Actor,
  id: string,
  note: string,
  options: Options = {}
): Promise<void> {
  const form = parseForm(refusalForm, { reason: note });
  await step(actor, id, 'resolve', { reason: form.reason }, options);
}

/** 接班: the incoming shift accepts and signs; the handover is closed and read-only. */
export async function acceptHandover(
  signer: Actor,
  id: string,
  snapshot: Uint8Array,
  equipment: string[],
  options: Options = {}
): Promise<void> {
  await signedStep(signer, id, 'accept', 'closed', snapshot, equipment, options);
}

/**
 * 003 §3.9 7](2): the manager or duty head reads and signs a day's handover records. Signs
 * every closed, unreviewed shift of `date`; returns how many.
 */
export async function reviewDay(
  actor: Actor,
  date: string,
  options: Options = {}
): Promise<number> {
  const db = options.db ?? database();
  const shifts = await listShifts(date, date, db);
  let n = 0;
  for (const shift of shifts) {
    if (shift.status !== 'closed' || shift.reviewedAt !== undefined) continue;
    await step(actor, shift.id, 'review', {}, { ...options, db });
    n++;
  }
  return n;
}
