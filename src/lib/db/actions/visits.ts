import { withoutClocks, type StoredRow } from '$lib/domain/ops';
import { can } from '$lib/domain/roles';
import type { Unit } from '$lib/domain/records/unit';
import type { Staff } from '$lib/domain/records/staff';
import { visitPlanId, type VisitPlan } from '$lib/domain/records/visit-plan';
import { visitAssignmentId, type VisitAssignment } from '$lib/domain/records/visit-assignment';
import {
  visitAppointmentForm,
  type VisitAppointmentForm
} from '$lib/domain/records/visit-appointment';
import {
  visitRecordForm,
  type VisitRecord,
  type VisitRecordForm
} from '$lib/domain/records/visit-record';
import type { VisitRouteKind } from '$lib/domain/records/visit-route';
import type { VisitSummary } from '$lib/domain/records/visit-summary';
import { liaisonLetterForm, type LiaisonLetterForm } from '$lib/domain/records/liaison-letter';
import type { TicketKind } from '$lib/domain/records/ticket';
import { monthRange, zonedDate } from '$lib/domain/calendar/zoned';
import { appointmentRefusal } from '$lib/domain/visits/appointment';
import { drawPlan, planSeed } from '$lib/domain/visits/plan';
import { nextCandidates } from '$lib/domain/visits/draw';
import { draftSummaryFigures, summaryState } from '$lib/domain/visits/summary';
import { database, type GuanjiaDexie } from '../database';
import { parseForm } from '../form-error';
import { write, type Actor } from '../write';
import { WriteError, refusedWhole } from '../write-error';
import { getSettings } from '../queries/office';
import { recordIntake } from './tickets';
import { planContext } from './visit-history';

export interface VisitWriteOptions {
  db?: GuanjiaDexie;
  /** Wall clock, for tests and benchmarks. */
  now?: number;
}

/** A refused action: the message key says why (`visits.refused.tooLate`), at a field if given. */
function refused(reason: string, path: string[] = []): WriteError {
  return new WriteError('invalid', [
    { change: 0, path, message: `visits.refused.${reason}`, code: 'refused' }
  ]);
}

const plain = <T>(row: StoredRow | undefined): T | undefined =>
  row && !row.deleted ? (withoutClocks(row) as T) : undefined;

// ---------------------------------------------------------------------------------------------
// Planning (001 §4.3 抽样)

function mayPlan(actor: Actor): void {
  if (!can(actor.role, 'planVisits')) throw refusedWhole('forbidden');
}

/**
 * Draw a community's plan for a month (001 §4.3): the quota, the special-care households due,
 * the draw. Drawing again (after the survey's households were given) replaces the list.
 */
export async function drawVisitPlan(
  actor: Actor,
  input: { communityId: string; month: string; surveyExcluded?: string[] },
  options: VisitWriteOptions = {}
): Promise<string> {
  mayPlan(actor);
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const settings = await getSettings(db);
  const id = visitPlanId(input.month, input.communityId);
  const existing = plain<VisitPlan>(await db.visitPlan.get(id));
  const surveyExcluded = input.surveyExcluded ?? existing?.surveyExcluded ?? [];
  const ctx = await planContext(db, input.communityId, input.month, settings.timeZone);
  const seed = planSeed(input.month, input.communityId);
  const drawn = drawPlan({
    month: input.month,
    seed,
    occupied: ctx.occupied,
    specialCare: ctx.specialCare,
    history: ctx.history,
    surveyDrawn: new Set(surveyExcluded),
    settings
  });
  await write(
    actor,
    [
      {
        op: 'create',
        table: 'visitPlan',
        value: {
          id,
          communityId: input.communityId,
          month: input.month,
          seed,
          occupied: drawn.occupied,
          quota: drawn.quota,
          units: drawn.units,
          specialCare: drawn.specialCare,
          surveyExcluded,
          draftedBy: actor.staffId,
          draftedAt: now
        }
      }
    ],
    { db, now }
  );
  return id;
}

async function loadPlan(db: GuanjiaDexie, planId: string): Promise<VisitPlan> {
  const plan = plain<VisitPlan>(await db.visitPlan.get(planId));
  if (!plan) throw refusedWhole('notFound');
  return plan;
}

export type PlanAdjustment =
  | { kind: 'remove'; unitId: string }
  /** Replace with the next household of the draw (the owner is away, moved out…). */
  | { kind: 'replace'; unitId: string }
  /** The company's survey drew it: left out this month, replaced by the next of the draw. */
  | { kind: 'survey'; unitId: string }
  | { kind: 'add'; unitId: string }
  /** Add the next household of the draw. */
  | { kind: 'addNext' };

/** The supervisor adjusts the draw (issue 15 §1): the next of the draw comes in where needed. */
export async function adjustVisitPlan(
  actor: Actor,
  planId: string,
  change: PlanAdjustment,
  options: VisitWriteOptions = {}
): Promise<string | undefined> {
  mayPlan(actor);
  const db = options.db ?? database();
  const plan = await loadPlan(db, planId);
  const settings = await getSettings(db);
  const units = [...plan.units];
  const survey = [...plan.surveyExcluded];
  const next = async (inPlan: Set<string>) => {
    const ctx = await planContext(db, plan.communityId, plan.month, settings.timeZone);
    const care = new Set(ctx.specialCare.map((h) => h.unitId));
    const [id] = nextCandidates(
      {
        seed: plan.seed,
        universe: ctx.occupied.filter((u) => !care.has(u)),
        history: ctx.history,
        surveyDrawn: new Set(survey)
      },
      inPlan,
      1
    );
    return id;
  };
  let added: string | undefined;
  if (change.kind === 'add') {
    if (!units.includes(change.unitId)) units.push(change.unitId);
    added = change.unitId;
  } else if (change.kind === 'addNext') {
    added = await next(new Set(units));
    if (added) units.push(added);
  } else {
    const at = units.indexOf(change.unitId);
    if (at < 0) throw refused('notInPlan');
    units.splice(at, 1);
    if (change.kind === 'survey' && !survey.includes(change.unitId)) survey.push(change.unitId);
    if (change.kind !== 'remove') {
      added = await next(new Set([...units, change.unitId]));
      if (added) units.splice(at, 0, added);
    }
  }
  await write(
    actor,
    [
      {
        op: 'update',
        table: 'visitPlan',
        id: planId,
        patch: {
          units,
          surveyExcluded: survey,
          specialCare: plan.specialCare.filter((u) => units.includes(u))
        }
      }
    ],
    { db, now: options.now }
  );
  return added;
}

/** The supervisor assigns a household of the plan to a visitor. */
export async function assignVisitor(
  actor: Actor,
  planId: string,
  unitIds: string[],
  visitorId: string,
  options: VisitWriteOptions = {}
): Promise<void> {
  mayPlan(actor);
  const db = options.db ?? database();
  if (!visitorId) throw refused('chooseVisitor', ['visitorId']);
  await write(
    actor,
    unitIds.map((unitId) => ({
      op: 'create' as const,
      table: 'visitAssignment' as const,
      value: { id: visitAssignmentId(planId, unitId), planId, unitId, visitorId }
    })),
    { db, now: options.now }
  );
}

// ---------------------------------------------------------------------------------------------
// Appointments and records

/**
 * Book an appointment (001 §4.3): a door visit needs a time, and no time at 22:00 or later
 * on the office's clock is saved, whatever the tablet's zone.
 */
export async function bookAppointment(
  actor: Actor,
  input: Partial<VisitAppointmentForm>,
  options: VisitWriteOptions = {}
): Promise<string> {
  const db = options.db ?? database();
  const settings = await getSettings(db);
  const why = appointmentRefusal(input.method ?? 'door', input.at, settings);
  if (why) throw refused(why, ['at']);
  const form = parseForm(visitAppointmentForm, input);
  const [id] = await write(actor, [{ op: 'create', table: 'visitAppointment', value: form }], {
    db,
    now: options.now
  });
  return id;
}

export async function cancelAppointment(
  actor: Actor,
  id: string,
  options: VisitWriteOptions = {}
): Promise<void> {
  await write(
    actor,
    [{ op: 'update', table: 'visitAppointment', id, patch: { cancelled: true } }],
    {
      db: options.db,
      now: options.now
    }
  );
}

/**
 * Hand in a visit record (001 §4.3): the owner signed or refused (不得强求); handed in now,
 * so a record of a visit before yesterday is flagged late.
 */
export async function recordVisit(
  actor: Actor,
  input: Omit<VisitRecordForm, 'handedInAt' | 'communityId'> & { communityId?: string },
  options: VisitWriteOptions = {}
): Promise<string> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const unit = plain<Unit>(await db.unit.get(input.unitId));
  const form = parseForm(visitRecordForm, {
    ...input,
    communityId: input.communityId ?? unit?.communityId ?? '',
    handedInAt: now
  });
  if (form.visitedAt > now + 5 * 60_000) throw refused('inFuture', ['visitedAt']);
  const [id] = await write(actor, [{ op: 'create', table: 'visitRecord', value: form }], {
    db,
    now
  });
  return id;
}

// ---------------------------------------------------------------------------------------------
// Routing (001 §4.3: 发现有客户投诉的按投诉处理规程处理, 请求、意见和建议分别按相应的工作规程处理)

/** The kind of service request an item becomes when it is not a complaint. */
export function requestKindOf(item: { topic: string; kind: string }): TicketKind {
  if (item.topic === 'repairs') return 'repair';
  if (item.kind === 'suggestion') return 'suggestion';
  return 'inquiry';
}

/**
 * Turn one item of a visit record into a complaint or a service request, in one tap: the
 * request (channel 走访) and its link to the item are one write, all or nothing.
 */
export async function routeVisitItem(
  actor: Actor,
  recordId: string,
  itemId: string,
  kind: VisitRouteKind,
  options: VisitWriteOptions = {}
): Promise<string> {
  mayPlan(actor);
  const db = options.db ?? database();
  const record = plain<VisitRecord>(await db.visitRecord.get(recordId));
  const item = record?.items.find((i) => i.id === itemId);
  if (!record || !item) throw refusedWhole('notFound');
  const already = await db.visitRoute.where('visitRecordId').equals(recordId).toArray();
  if (already.some((r) => !r.deleted && r.itemId === itemId)) throw refused('alreadyRouted');
  return recordIntake(
    actor,
    {
      kind: kind === 'complaint' ? 'complaint' : requestKindOf(item),
      channel: 'visit',
      communityId: record.communityId,
      unitId: record.unitId,
      personId: record.personId,
      callerName: record.ownerName,
      content: item.text
    },
    {
      db,
      now: options.now,
      with: (ticketId) => [
        {
          op: 'create',
          table: 'visitRoute',
          value: { visitRecordId: recordId, itemId, ticketId, kind, routedBy: actor.staffId }
        }
      ]
    }
  );
}

// ---------------------------------------------------------------------------------------------
// The monthly summary (001 §4.3) and the liaison letter

export function visitSummaryId(month: string, communityId: string): string {
  return `${month}/${communityId}`;
}

/** The month's records of a community, read by the visit-time index. */
export async function recordsOfMonth(
  db: GuanjiaDexie,
  communityId: string,
  month: string,
  timeZone: string
): Promise<VisitRecord[]> {
  const [start, end] = monthRange(month, timeZone);
  const rows = await db.visitRecord.where('visitedAt').between(start, end, true, false).toArray();
  return rows
    .filter((r) => !r.deleted && r.communityId === communityId)
    .map((r) => withoutClocks(r) as VisitRecord);
}

/** Draft (or draft again, while not yet submitted) the month's summary from its records. */
export async function draftVisitSummary(
  actor: Actor,
  communityId: string,
  month: string,
  options: VisitWriteOptions = {}
): Promise<string> {
  mayPlan(actor);
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const settings = await getSettings(db);
  const id = visitSummaryId(month, communityId);
  const planId = visitPlanId(month, communityId);
  const [existing, plan, records, assignmentRows, staffRows] = await Promise.all([
    db.visitSummary.get(id).then((r) => plain<VisitSummary>(r)),
    db.visitPlan.get(planId).then((r) => plain<VisitPlan>(r)),
    recordsOfMonth(db, communityId, month, settings.timeZone),
    db.visitAssignment.where('planId').equals(planId).toArray(),
    db.staff.toArray()
  ]);
  if (existing && summaryState(existing) !== 'draft') throw refused('summaryLocked');
  const routeRows = records.length
    ? await db.visitRoute
        .where('visitRecordId')
        .anyOf(records.map((r) => r.id))
        .toArray()
    : [];
  const routes = new Map(
    routeRows
      .filter((r) => !r.deleted)
      .map((r) => [`${r.visitRecordId}/${r.itemId}`, String(r.ticketId)])
  );
  const staff = staffRows.filter((s) => !s.deleted).map((s) => withoutClocks(s) as Staff);
  const figures = draftSummaryFigures({
    plan,
    records,
    routes,
    staff,
    assignments: assignmentRows
      .filter((a) => !a.deleted)
      .map((a) => withoutClocks(a) as VisitAssignment),
    settings
  });
  await write(
    actor,
    [
      existing
        ? {
            op: 'update',
            table: 'visitSummary',
            id,
            patch: { figures, draftedBy: actor.staffId, draftedAt: now }
          }
        : {
            op: 'create',
            table: 'visitSummary',
            value: { id, communityId, month, figures, draftedBy: actor.staffId, draftedAt: now }
          }
    ],
    { db, now }
  );
  return id;
}

async function loadSummary(db: GuanjiaDexie, id: string): Promise<VisitSummary> {
  const s = plain<VisitSummary>(await db.visitSummary.get(id));
  if (!s) throw refusedWhole('notFound');
  return s;
}

/** The supervisor's words, editable until the manager approves. */
export async function editVisitSummary(
  actor: Actor,
  id: string,
  text: string,
  options: VisitWriteOptions = {}
): Promise<void> {
  mayPlan(actor);
  const db = options.db ?? database();
  const s = await loadSummary(db, id);
  if (summaryState(s) === 'approved') throw refused('summaryLocked');
  await write(actor, [{ op: 'update', table: 'visitSummary', id, patch: { text } }], {
    db,
    now: options.now
  });
}

/** The supervisor submits the summary to the manager (the 2 working days start). */
export async function submitVisitSummary(
  actor: Actor,
  id: string,
  options: VisitWriteOptions = {}
): Promise<void> {
  mayPlan(actor);
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const s = await loadSummary(db, id);
  if (summaryState(s) !== 'draft') throw refused('summaryLocked');
  await write(actor, [{ op: 'update', table: 'visitSummary', id, patch: { submittedAt: now } }], {
    db,
    now
  });
}

/** The manager approves the summary and decides the measures (001 §4.3). */
export async function approveVisitSummary(
  actor: Actor,
  id: string,
  comment: string,
  options: VisitWriteOptions = {}
): Promise<void> {
  if (!can(actor.role, 'approveVisitSummary')) throw refused('managerOnly');
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const s = await loadSummary(db, id);
  if (summaryState(s) !== 'submitted') throw refused('notSubmitted');
  await write(
    actor,
    [
      {
        op: 'update',
        table: 'visitSummary',
        id,
        patch: { approvedAt: now, approvedBy: actor.staffId, managerComment: comment.trim() }
      }
    ],
    { db, now }
  );
}

/**
 * Issue a 工作联系函 (001 §4.3: 对超出自己权限的问题 … 以《工作联系函》上报公司客户服务主管部门),
 * numbered LXH-YYYYMM-NN in the office's month.
 */
export async function issueLiaisonLetter(
  actor: Actor,
  input: LiaisonLetterForm & { communityId: string; summaryId?: string },
  options: VisitWriteOptions = {}
): Promise<string> {
  const db = options.db ?? database();
  const now = options.now ?? Date.now();
  const form = parseForm(liaisonLetterForm, input);
  const { timeZone } = await getSettings(db);
  const month = zonedDate(now, timeZone).slice(0, 7).replace('-', '');
  const prefix = `LXH-${month}-`;
  const taken = (await db.liaisonLetter.toArray()).filter((l) =>
    String(l.number).startsWith(prefix)
  ).length;
  const [id] = await write(
    actor,
    [
      {
        op: 'create',
        table: 'liaisonLetter',
        value: {
          ...form,
          communityId: input.communityId,
          summaryId: input.summaryId,
          number: `${prefix}${String(taken + 1).padStart(2, '0')}`,
          issuedBy: actor.staffId,
          issuedAt: now
        }
      }
    ],
    { db, now }
  );
  return id;
}
