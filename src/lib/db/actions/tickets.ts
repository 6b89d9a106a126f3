import type { z } from 'zod';
import { withoutClocks } from '$lib/oplog/format';
import type { Ticket } from '$lib/domain/records/ticket';
import { zonedDate, startOfZonedDay, addDays } from '$lib/domain/calendar/zoned';
import { eventData, isEventType, type EventType } from '$lib/domain/tickets/event-data';
import { mayTakeStep } from '$lib/domain/permissions';
import { checkEvent, foldEvents, type TimelineEvent } from '$lib/domain/tickets/fold';
import { intakeForm, type IntakeForm } from '$lib/domain/tickets/intake';
import { deviceLetter, sequenceOf, ticketNumber } from '$lib/domain/tickets/numbers';
import type { TableName } from '$lib/domain/tables';
import { database, type GuanjiaDexie } from '../database';
import { parseForm } from '../form-error';
import { newId } from '../ids';
import { commitScope } from '../commit';
import { write, type Actor, type Change } from '../write';
import { WriteError, refusedWhole } from '../write-error';
import { getSettings } from '../queries/office';
import { complaintDeadline } from '$lib/domain/tickets/sla';
import { syncState } from '../sync-state';
import { contextOf } from './tickets-index';
import { indexRowsBetween } from '../ticket-index-store';

export interface TicketWriteOptions {
  db?: GuanjiaDexie;
  /** Wall clock, for tests: the time the step is recorded at. */
  now?: number;
  /**
   * The step's record id, when two devices may record the same step from the same source (an
   * owner's rating both tablets fetched): the same id makes it one event everywhere.
   */
  eventId?: string;
}

export interface IntakeOptions extends TicketWriteOptions {
  /**
   * Records written with the request in the same write, all or nothing (a visit item's link
   * to the complaint it became: lib/db/actions/visits.ts). Given the new request's id.
   */
  with?: (ticketId: string) => Change[];
}

/** The tables a request's write touches, so the check and the write share one transaction. */
// The commit's own scope, derived tables included (the request index, and whatever a linked
// change feeds), so the write() inside these transactions never needs a table the parent lacks.
const scope = (db: GuanjiaDexie, linked: readonly TableName[] = []) =>
  commitScope(db, ['ticket', 'ticketEvent', ...linked], 'local');

/** This device's letter in request numbers: its place in the office's enrollment order. */
export async function thisDeviceLetter(db: GuanjiaDexie): Promise<string> {
  const [{ device }, devices] = await Promise.all([syncState(db), db.device.toArray()]);
  devices.sort((a, b) => Number(a.createdAt) - Number(b.createdAt) || (a.id < b.id ? -1 : 1));
  const place = devices.findIndex((d) => d.id === device);
  // Not listed yet (its row arrives with the catch-up): the place it will get.
  return deviceLetter(place >= 0 ? place + 1 : devices.length + 1);
}

/**
 * Take a request (issue 6 §4 quick intake): the ticket and its `recorded` event in one
 * write, numbered BX-20261123-A007 by the office's date and device; dispatched at once if asked.
 */
export async function recordIntake(
  actor: Actor,
  input: IntakeForm,
  options: IntakeOptions = {}
): Promise<string> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const form = parseForm(intakeForm, input);
  const settings = await getSettings(db);
  const { timeZone } = settings;
  const today = zonedDate(now, timeZone);
  const id = newId(now);
  const letter = await thisDeviceLetter(db);
  const linked = options.with?.(id) ?? [];
  const tables = scope(
    db,
    linked.map((c) => c.table)
  );

  return db.transaction('rw', tables, async () => {
    // The day's sequence of this kind on this device (see numbers.ts): unique offline.
    let last = 0;
    const day = await indexRowsBetween(
      db,
      startOfZonedDay(today, timeZone),
      startOfZonedDay(addDays(today, 1), timeZone),
      { kind: form.kind }
    );
    for (const r of day) last = Math.max(last, sequenceOf(r.number, letter));
    const ticket = {
      id,
      kind: form.kind,
      channel: form.channel,
      communityId: form.communityId,
      unitId: form.unitId || undefined,
      personId: form.personId || undefined,
      callerName: form.callerName,
      callerPhone: form.callerPhone,
      location: form.location,
      category: form.category,
      content: form.content,
      urgent: form.urgent,
      number: ticketNumber(form.kind, today, letter, last + 1),
      photos: form.photos,
      incidentId: form.incidentId || undefined,
      outsideServiceList: form.kind === 'repair' && !!form.unitId && form.outsideServiceList,
      appointmentAt: form.appointmentAt
    };
    const events: TimelineEvent[] = [
      {
        id: newId(now),
        type: 'recorded',
        at: now,
        staffId: actor.staffId,
        data: form.kind === 'complaint' ? { apologized: form.apologized } : {}
      }
    ];
    const ctx = contextOf(ticket);
    if (form.dispatchTo && form.kind === 'complaint') {
      // 003 §3.3.4 items 2–3: a complaint whose category names its department (噪音 →
      // 保安部) is verified and assigned at intake, with the office's deadline.
      const due = complaintDeadline(now, settings);
      const steps: [EventType, Record<string, unknown>][] = [
        ['verified', {}],
        ['assigned', { department: form.dispatchTo, deadline: due.dueAt, serious: false }]
      ];
      for (const [type, data] of steps) {
        const at = now + events.length;
        const check = checkEvent(ctx, foldEvents(ctx, events), type, data);
        if (!('to' in check) || !mayTakeStep(actor.role, type)) break;
        events.push({ id: newId(at), type, at, staffId: actor.staffId, data });
      }
    } else if (form.dispatchTo) {
      const dispatch = {
        department: form.dispatchTo,
        ...(form.assigneeId ? { assigneeId: form.assigneeId } : {}),
        ...(form.appointmentAt ? { appointmentAt: form.appointmentAt } : {})
      };
      const check = checkEvent(ctx, foldEvents(ctx, events), 'dispatched', dispatch);
      if ('to' in check)
        events.push({
          id: newId(now + 1),
          type: 'dispatched',
          at: now + 1,
          staffId: actor.staffId,
          data: dispatch
        });
    }
    const changes: Change[] = [
      { op: 'create', table: 'ticket', value: ticket },
      ...events.map((e): Change => ({
        op: 'create',
        table: 'ticketEvent',
        value: { ...e, ticketId: id }
      })),
      ...linked
    ];
    // The request board's index row is kept by the commit road (db/derived.ts).
    await write(actor, changes, { db, now });
    return id;
  });
}

/** A refused step: the message key says why (`tickets.refused.closeNeedsReturnVisit`). */
function refused(reason: string): WriteError {
  return new WriteError('invalid', [
    { change: 0, path: [], message: `tickets.refused.${reason}`, code: 'illegalTransition' }
  ]);
}

/**
 * Record one step of a request's workflow (issue 6 §2). The step is checked against the
 * request's current status, folded from its events, in the same transaction as the
 * write: an illegal step is refused with a clear message and nothing is written.
 */
export async function recordStep<T extends EventType>(
  actor: Actor,
  ticketId: string,
  type: T,
  input: z.input<(typeof eventData)[T]>,
  options: TicketWriteOptions = {}
): Promise<string> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  if (!isEventType(type)) throw refused('unknownType');
  // The permission table before the workflow: "not yours to do" beats "not now".
  if (!mayTakeStep(actor.role, type)) throw refusedWhole('forbidden');
  const data = parseForm(eventData[type], input) as Record<string, unknown>;

  return db.transaction('rw', scope(db), async () => {
    const stored = await db.ticket.get(ticketId);
    if (!stored || stored.deleted) throw refusedWhole('notFound');
    const ticket = withoutClocks(stored) as unknown as Ticket;
    const ctx = contextOf(ticket);
    const events = (await db.ticketEvent.where('ticketId').equals(ticketId).toArray()).map(
      (r) => withoutClocks(r) as unknown as TimelineEvent
    );
    const summary = foldEvents(ctx, events);
    const check = checkEvent(ctx, summary, type, data);
    if ('refused' in check) throw refused(check.refused);

    // A step is never recorded before the last one (a tablet whose clock is behind).
    const at = Math.max(now, (summary.lastEventAt ?? 0) + 1);
    const event: TimelineEvent = {
      id: options.eventId ?? newId(at),
      type,
      at,
      staffId: actor.staffId,
      data
    };
    const [id] = await write(
      actor,
      [{ op: 'create', table: 'ticketEvent', value: { ...event, ticketId } }],
      { db, now }
    );
    return id;
  });
}

/** Correct what was written at intake (category, content, urgency…): field-level LWW. */
export async function updateTicket(
  actor: Actor,
  id: string,
  patch: Partial<
    Pick<
      Ticket,
      'category' | 'content' | 'urgent' | 'location' | 'callerName' | 'callerPhone' | 'photos'
    >
  >,
  options: TicketWriteOptions = {}
): Promise<void> {
  const db = options.db ?? database();
  await write(actor, [{ op: 'update', table: 'ticket', id, patch }], { db, now: options.now });
}
