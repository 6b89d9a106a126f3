import { maskPhone } from '$lib/domain/records/sensitive-reveal';
import { withoutClocks } from '$lib/oplog/format';
import type { Ticket, TicketKind } from '$lib/domain/records/ticket';
import type { TicketCategory } from '$lib/domain/records/ticket-category';
import type { Incident } from '$lib/domain/records/incident';
import { unitCode } from '$lib/domain/records/unit';
import { defaultCategories } from '$lib/domain/tickets/default-categories';
import {
  compareEvents,
  foldEvents,
  type TicketSummary,
  type TimelineEvent
} from '$lib/domain/tickets/fold';
import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import { database, type GuanjiaDexie } from '../database';
import { contextOf } from '../actions/tickets-index';
import { latestIndexRows, openIndexRows } from '../ticket-index-store';

/** The open requests for the board: one indexed read of the derived index, no fold. */
export async function openTickets(db: GuanjiaDexie = database()): Promise<TicketIndexRow[]> {
  return openIndexRows(db);
}

/** The latest requests, open or not, newest first (the register). */
export async function recentTickets(
  limit = 100,
  db: GuanjiaDexie = database()
): Promise<TicketIndexRow[]> {
  return latestIndexRows(db, limit);
}

/** A request by its number (BX-20261123-A007) or a part of it, for the register's search. */
export async function findTickets(
  text: string,
  limit = 50,
  db: GuanjiaDexie = database()
): Promise<TicketIndexRow[]> {
  const q = text.trim();
  if (!q) return recentTickets(limit, db);
  return latestIndexRows(
    db,
    limit,
    (r) => r.number.includes(q) || r.excerpt.includes(q) || r.callerName.includes(q)
  );
}

export interface TicketDetail {
  ticket: Ticket;
  /** Sorted as the fold reads them: (at, id). */
  events: TimelineEvent[];
  summary: TicketSummary;
  staffNames: Record<string, string>;
  unitLabel?: string;
  communityName?: string;
  personName?: string;
  incident?: Incident;
}

/** Everything the request page shows: the record, its timeline and where it stands. */
export async function ticketDetail(
  id: string,
  db: GuanjiaDexie = database()
): Promise<TicketDetail | undefined> {
  const row = await db.ticket.get(id);
  if (!row || row.deleted) return undefined;
  const ticket = withoutClocks(row) as unknown as Ticket;
  const [eventRows, staff, community, unit, person, incident] = await Promise.all([
    db.ticketEvent.where('ticketId').equals(id).toArray(),
    db.staff.toArray(),
    db.community.get(ticket.communityId),
    ticket.unitId ? db.unit.get(ticket.unitId) : undefined,
    ticket.personId ? db.person.get(ticket.personId) : undefined,
    ticket.incidentId ? db.incident.get(ticket.incidentId) : undefined
  ]);
  const events = eventRows
    .filter((e) => !e.deleted)
    .map((e) => withoutClocks(e) as unknown as TimelineEvent)
    .sort(compareEvents);
  let unitLabel: string | undefined;
  if (unit) {
    const building = await db.building.get(String(unit.buildingId));
    unitLabel = unitCode(String(building?.code ?? ''), {
      entrance: String(unit.entrance ?? ''),
      room: String(unit.room)
    });
  }
  return {
    ticket,
    events,
    summary: foldEvents(contextOf(ticket), events),
    staffNames: Object.fromEntries(staff.map((s) => [s.id, String(s.name)])),
    unitLabel,
    communityName: community ? String(community.name) : undefined,
    personName: person ? String(person.name) : undefined,
    incident: incident ? (withoutClocks(incident) as unknown as Incident) : undefined
  };
}

/** The office's categories of a kind, or the defaults until it has its own dictionary. */
export async function categoriesOf(
  kind: TicketKind,
  db: GuanjiaDexie = database()
): Promise<Pick<TicketCategory, 'name' | 'department' | 'inServiceList'>[]> {
  const rows = (await db.ticketCategory.toArray()).map(
    (r) => withoutClocks(r) as unknown as TicketCategory
  );
  if (!rows.length)
    return defaultCategories
      .filter((c) => c.kind === kind)
      .map((c) => ({ ...c, inServiceList: true }));
  return rows
    .filter((c) => c.kind === kind && c.active && !c.deleted)
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'zh-Hans-CN'));
}

export async function allCategories(db: GuanjiaDexie = database()): Promise<TicketCategory[]> {
  return (await db.ticketCategory.toArray())
    .map((r) => withoutClocks(r) as unknown as TicketCategory)
    .filter((c) => !c.deleted)
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.order - b.order);
}

/** Unit labels (3-2-1201) for a list of unit ids, for the board's cards. */
export async function unitLabels(
  unitIds: readonly string[],
  db: GuanjiaDexie = database()
): Promise<Record<string, string>> {
  const ids = [...new Set(unitIds)];
  const units = await db.unit.bulkGet(ids);
  const buildingIds = [...new Set(units.flatMap((u) => (u ? [String(u.buildingId)] : [])))];
  const buildings = await db.building.bulkGet(buildingIds);
  const codes = new Map(buildings.flatMap((b) => (b ? [[b.id, String(b.code)] as const] : [])));
  const out: Record<string, string> = {};
  for (const u of units)
    if (u)
      out[u.id] = unitCode(codes.get(String(u.buildingId)) ?? '', {
        entrance: String(u.entrance ?? ''),
        room: String(u.room)
      });
  return out;
}

export interface BoardData {
  rows: TicketIndexRow[];
  unitLabels: Record<string, string>;
}

/** The board in one read: the open requests and the unit codes their cards show. */
export async function boardData(db: GuanjiaDexie = database()): Promise<BoardData> {
  const rows = await openTickets(db);
  const units = rows.flatMap((r) => (r.unitId ? [r.unitId] : []));
  return { rows, unitLabels: await unitLabels(units, db) };
}

export interface IntakePlace {
  unitId: string;
  communityId: string;
  unitLabel: string;
  personId?: string;
  personName?: string;
  /**
   * The archive's phone, masked (138****5678): picking a household never hands the full
   * number to the form. A role allowed to see it reveals it, and the reveal is logged.
   */
  maskedPhone?: string;
}

function phoneOf(person: Record<string, unknown> | undefined): string | undefined {
  return (person?.phones as string[] | undefined)?.[0];
}

/** Where a call comes from, once the household is picked: community, unit code, caller. */
export async function intakePlace(
  unitId: string,
  personId: string | undefined,
  db: GuanjiaDexie = database()
): Promise<IntakePlace | undefined> {
  const unit = await db.unit.get(unitId);
  if (!unit) return undefined;
  const [building, person] = await Promise.all([
    db.building.get(String(unit.buildingId)),
    personId ? db.person.get(personId) : undefined
  ]);
  return {
    unitId,
    communityId: String(unit.communityId),
    unitLabel: unitCode(String(building?.code ?? ''), {
      entrance: String(unit.entrance ?? ''),
      room: String(unit.room)
    }),
    personId: person ? person.id : undefined,
    personName: person ? String(person.name) : undefined,
    maskedPhone: phoneOf(person) ? maskPhone(phoneOf(person) ?? '') : undefined
  };
}
