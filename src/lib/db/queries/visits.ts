import { withoutClocks, type StoredRow } from '$lib/domain/ops';
import type { Staff } from '$lib/domain/records/staff';
import type { Settings } from '$lib/domain/records/settings';
import { visitPlanId, type VisitPlan } from '$lib/domain/records/visit-plan';
import type { VisitAssignment } from '$lib/domain/records/visit-assignment';
import type { VisitAppointment } from '$lib/domain/records/visit-appointment';
import type { VisitRecord } from '$lib/domain/records/visit-record';
import type { VisitRoute } from '$lib/domain/records/visit-route';
import type { VisitSummary } from '$lib/domain/records/visit-summary';
import type { LiaisonLetter } from '$lib/domain/records/liaison-letter';
import type { TicketKind } from '$lib/domain/records/ticket';
import { monthRange, previousMonth, zonedMonth } from '$lib/domain/calendar/zoned';
import { countsTowardQuota } from '$lib/domain/visits/quota';
import { visitorProgress, type VisitorProgress } from '$lib/domain/visits/progress';
import { isHandedInLate, duringMonth } from '$lib/domain/visits/deadlines';
import { visitsToday, type VisitsToday } from '$lib/domain/visits/today';
import { database, type GuanjiaDexie } from '../database';
import { getSettings, listCommunities, listStaff } from './office';
import { unitLabels } from './tickets';
import { recordsOfMonth, visitSummaryId } from '../actions/visits';
import { indexRowsById } from '../ticket-index-store';

const live = <T>(rows: StoredRow[]): T[] =>
  rows.filter((r) => !r.deleted).map((r) => withoutClocks(r) as T);

/** The owners (or else another resident) of units during a month, by unit id, for the lists. */
async function ownerNames(db: GuanjiaDexie, unitIds: readonly string[], month: string) {
  const roles = await db.occupancy
    .where('unitId')
    .anyOf([...unitIds])
    .toArray();
  const current = roles.filter(
    (o) =>
      !o.deleted && duringMonth({ from: String(o.from), to: o.to as string | undefined }, month)
  );
  current.sort((a, b) => Number(a.role !== 'owner') - Number(b.role !== 'owner'));
  const people = await db.person.bulkGet([...new Set(current.map((o) => String(o.personId)))]);
  const byId = new Map(people.flatMap((p) => (p ? [[p.id, p] as const] : [])));
  const out: Record<string, { name: string; personId: string; care: boolean }> = {};
  for (const o of current) {
    const p = byId.get(String(o.personId));
    if (!p || out[String(o.unitId)]) continue;
    out[String(o.unitId)] = {
      name: String(p.name),
      personId: p.id,
      care: Array.isArray(p.specialCare) && p.specialCare.length > 0
    };
  }
  return out;
}

export interface PlanRow {
  unitId: string;
  label: string;
  ownerName: string;
  personId?: string;
  specialCare: boolean;
  visitorId?: string;
  appointment?: VisitAppointment;
  /** The month's counted visit of the household, if made. */
  recordId?: string;
}

export interface VisitMonth {
  communityId: string;
  month: string;
  settings: Settings;
  plan?: VisitPlan;
  rows: PlanRow[];
  progress: VisitorProgress[];
  staff: Staff[];
  staffNames: Record<string, string>;
  /** Counted visits this month (planned or not). */
  visited: number;
  records: VisitRecord[];
}

/** The plan page: the plan, its households with visitor, appointment and visit, progress. */
export async function visitMonth(
  communityId: string,
  month: string,
  db: GuanjiaDexie = database()
): Promise<VisitMonth> {
  const settings = await getSettings(db);
  const planId = visitPlanId(month, communityId);
  const [start, end] = monthRange(month, settings.timeZone);
  const [planRow, assignmentRows, appointmentRows, records, staff] = await Promise.all([
    db.visitPlan.get(planId),
    db.visitAssignment.where('planId').equals(planId).toArray(),
    db.visitAppointment.where('at').between(start, end, true, false).toArray(),
    recordsOfMonth(db, communityId, month, settings.timeZone),
    listStaff(db, { activeOnly: true })
  ]);
  const plan = planRow && !planRow.deleted ? (withoutClocks(planRow) as VisitPlan) : undefined;
  const assignments = live<VisitAssignment>(assignmentRows);
  const appointments = live<VisitAppointment>(appointmentRows).filter((a) => !a.cancelled);
  const units = plan?.units ?? [];
  const [labels, owners] = await Promise.all([unitLabels(units, db), ownerNames(db, units, month)]);
  const visitor = new Map(assignments.map((a) => [a.unitId, a.visitorId]));
  const counted = records.filter(countsTowardQuota);
  const visitOf = new Map(counted.map((r) => [r.unitId, r.id]));
  const appointmentOf = new Map(appointments.map((a) => [a.unitId, a]));
  const care = new Set(plan?.specialCare ?? []);
  const rows = units.map((unitId) => ({
    unitId,
    label: labels[unitId] ?? unitId,
    ownerName: owners[unitId]?.name ?? '',
    personId: owners[unitId]?.personId,
    specialCare: care.has(unitId) || (owners[unitId]?.care ?? false),
    visitorId: visitor.get(unitId),
    appointment: appointmentOf.get(unitId),
    recordId: visitOf.get(unitId)
  }));
  return {
    communityId,
    month,
    settings,
    plan,
    rows,
    progress: visitorProgress(staff, assignments, records, settings),
    staff,
    staffNames: Object.fromEntries(staff.map((s) => [s.id, s.name])),
    visited: counted.length,
    records
  };
}

export interface RecordRow {
  record: VisitRecord;
  label: string;
  visitorName: string;
  late: boolean;
  routed: number;
}

/** The month's records, newest first, with their hand-in flag and how many items were routed. */
export async function visitRecordList(
  communityId: string,
  month: string,
  db: GuanjiaDexie = database()
): Promise<RecordRow[]> {
  const settings = await getSettings(db);
  const records = await recordsOfMonth(db, communityId, month, settings.timeZone);
  const [labels, staff, routes] = await Promise.all([
    unitLabels(
      records.map((r) => r.unitId),
      db
    ),
    listStaff(db),
    records.length
      ? db.visitRoute
          .where('visitRecordId')
          .anyOf(records.map((r) => r.id))
          .toArray()
      : Promise.resolve([])
  ]);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const routed = new Map<string, number>();
  for (const r of routes)
    if (!r.deleted)
      routed.set(String(r.visitRecordId), (routed.get(String(r.visitRecordId)) ?? 0) + 1);
  return records
    .sort((a, b) => b.visitedAt - a.visitedAt)
    .map((record) => ({
      record,
      label: labels[record.unitId] ?? '',
      visitorName: names.get(record.visitorId) ?? '',
      late: isHandedInLate(record, settings),
      routed: routed.get(record.id) ?? 0
    }));
}

export interface RoutedItem {
  route: VisitRoute;
  number: string;
  ticketKind: TicketKind;
  status?: string;
}

export interface VisitRecordDetail {
  record: VisitRecord;
  label: string;
  visitorName: string;
  late: boolean;
  handInDueAt: number;
  routes: Record<string, RoutedItem>;
  settings: Settings;
}

/** Tickets by id with the status this device derived for them (the request index). */
async function ticketsOf(db: GuanjiaDexie, ids: readonly string[]) {
  const [tickets, index] = await Promise.all([db.ticket.bulkGet([...ids]), indexRowsById(db, ids)]);
  const out = new Map<string, { number: string; kind: TicketKind; status?: string }>();
  tickets.forEach((t, i) => {
    if (t)
      out.set(t.id, {
        number: String(t.number),
        kind: t.kind as TicketKind,
        status: index[i]?.status
      });
  });
  return out;
}

export async function visitRecordDetail(
  id: string,
  db: GuanjiaDexie = database()
): Promise<VisitRecordDetail | undefined> {
  const row = await db.visitRecord.get(id);
  if (!row || row.deleted) return undefined;
  const record = withoutClocks(row) as VisitRecord;
  const settings = await getSettings(db);
  const [labels, visitorRow, routeRows] = await Promise.all([
    unitLabels([record.unitId], db),
    db.staff.get(record.visitorId),
    db.visitRoute.where('visitRecordId').equals(id).toArray()
  ]);
  const routes = live<VisitRoute>(routeRows);
  const tickets = await ticketsOf(
    db,
    routes.map((r) => r.ticketId)
  );
  const { handInDue } = await import('$lib/domain/visits/deadlines');
  return {
    record,
    label: labels[record.unitId] ?? '',
    visitorName: visitorRow ? String(visitorRow.name) : '',
    late: isHandedInLate(record, settings),
    handInDueAt: handInDue(record.visitedAt, settings),
    routes: Object.fromEntries(
      routes.map((r) => {
        const t = tickets.get(r.ticketId);
        return [
          r.itemId,
          {
            route: r,
            number: t?.number ?? '',
            ticketKind: t?.kind ?? 'complaint',
            status: t?.status
          }
        ];
      })
    ),
    settings
  };
}

export interface SummaryView {
  summary?: VisitSummary;
  settings: Settings;
  staffNames: Record<string, string>;
  unitLabels: Record<string, string>;
  tickets: Record<string, { number: string; kind: TicketKind; status?: string }>;
  letters: LiaisonLetter[];
  officeName: string;
}

export async function visitSummaryView(
  communityId: string,
  month: string,
  db: GuanjiaDexie = database()
): Promise<SummaryView> {
  const id = visitSummaryId(month, communityId);
  const [row, settings, staff, letterRows, office] = await Promise.all([
    db.visitSummary.get(id),
    getSettings(db),
    listStaff(db),
    db.liaisonLetter.where('summaryId').equals(id).toArray(),
    db.office.toArray()
  ]);
  const summary = row && !row.deleted ? (withoutClocks(row) as VisitSummary) : undefined;
  const issues = summary?.figures.issues ?? [];
  const [labels, tickets] = await Promise.all([
    unitLabels(
      issues.map((i) => i.unitId),
      db
    ),
    ticketsOf(
      db,
      issues.flatMap((i) => (i.ticketId ? [i.ticketId] : []))
    )
  ]);
  return {
    summary,
    settings,
    staffNames: Object.fromEntries(staff.map((s) => [s.id, s.name])),
    unitLabels: labels,
    tickets: Object.fromEntries(tickets),
    letters: live<LiaisonLetter>(letterRows).sort((a, b) => a.issuedAt - b.issuedAt),
    officeName: office[0] ? String(office[0].name) : ''
  };
}

/** The visit a request came from (the other end of the link), for the request page. */
export async function visitOfTicket(
  ticketId: string,
  db: GuanjiaDexie = database()
): Promise<{ recordId: string; visitedAt: number; label: string } | undefined> {
  const [route] = live<VisitRoute>(
    await db.visitRoute.where('ticketId').equals(ticketId).toArray()
  );
  if (!route) return undefined;
  const row = await db.visitRecord.get(route.visitRecordId);
  if (!row) return undefined;
  const labels = await unitLabels([String(row.unitId)], db);
  return {
    recordId: route.visitRecordId,
    visitedAt: Number(row.visitedAt),
    label: labels[String(row.unitId)] ?? ''
  };
}

export async function liaisonLetter(
  id: string,
  db: GuanjiaDexie = database()
): Promise<{ letter: LiaisonLetter; issuerName: string; officeName: string } | undefined> {
  const row = await db.liaisonLetter.get(id);
  if (!row || row.deleted) return undefined;
  const letter = withoutClocks(row) as LiaisonLetter;
  const [issuer, office] = await Promise.all([db.staff.get(letter.issuedBy), db.office.toArray()]);
  return {
    letter,
    issuerName: issuer ? String(issuer.name) : '',
    officeName: office[0] ? String(office[0].name) : ''
  };
}

export { listCommunities };

/**
 * 工作台's visits line for a person at `now`: the month's quota and counted visits (every
 * community), their appointments today and overdue. Reads the month's plans, and records and
 * appointments since the start of the previous month (an appointment of the 30th is still
 * overdue on the 2nd), by their indexes.
 */
export async function visitsTodayLine(
  staffId: string,
  now: number,
  db: GuanjiaDexie = database()
): Promise<VisitsToday> {
  const { timeZone } = await getSettings(db);
  const month = zonedMonth(now, timeZone);
  const [monthStart] = monthRange(month, timeZone);
  const [windowStart] = monthRange(previousMonth(month), timeZone);
  const [plans, records, appointments] = await Promise.all([
    db.visitPlan.where('month').equals(month).toArray(),
    db.visitRecord.where('visitedAt').between(windowStart, now, true, true).toArray(),
    db.visitAppointment
      .where('at')
      .between(windowStart, now + 86_400_000, true, true)
      .toArray()
  ]);
  return visitsToday({
    staffId,
    now,
    timeZone,
    monthStart,
    plans: live<VisitPlan>(plans),
    records: live<VisitRecord>(records),
    appointments: live<VisitAppointment>(appointments)
  });
}
