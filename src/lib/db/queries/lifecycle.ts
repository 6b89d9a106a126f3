import { withoutClocks } from '$lib/domain/ops';
import type { Procedure, ProcedureKind } from '$lib/domain/records/lifecycle';
import type { Settings } from '$lib/domain/records/settings';
import { compareEvents, type StepEvent } from '$lib/domain/lifecycle/machine';
import { contextOf, summarize, type ProcedureSummary } from '$lib/domain/lifecycle';
import type { ProcedureContext } from '$lib/domain/lifecycle/machine';
import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import { database, type GuanjiaDexie } from '../database';
import { getSettings } from './office';
import { unitLabels } from './tickets';
import { indexRowsById } from '../ticket-index-store';

export interface ProcedureRow {
  procedure: Procedure;
  summary: ProcedureSummary;
  unitLabel: string;
}

export interface ProcedureDetail extends ProcedureRow {
  events: StepEvent[];
  ctx: ProcedureContext;
  settings: Settings;
  staffNames: Record<string, string>;
  communityName?: string;
  personName?: string;
  unitStatus?: string;
  /** The repair requests a move-in's defects became, with where each stands. */
  defectTickets: Pick<TicketIndexRow, 'ticketId' | 'number' | 'status' | 'excerpt'>[];
}

const asProcedure = (r: unknown) => withoutClocks(r as never) as unknown as Procedure;
const asEvent = (r: unknown) => withoutClocks(r as never) as unknown as StepEvent;

/** Events grouped by procedure, sorted as the fold reads them. */
async function eventsOf(db: GuanjiaDexie, ids: string[]): Promise<Map<string, StepEvent[]>> {
  const rows = ids.length ? await db.lifecycleEvent.where('procedureId').anyOf(ids).toArray() : [];
  const by = new Map<string, StepEvent[]>();
  for (const r of rows) {
    if (r.deleted) continue;
    const list = by.get(String(r.procedureId)) ?? [];
    list.push(asEvent(r));
    by.set(String(r.procedureId), list);
  }
  for (const list of by.values()) list.sort(compareEvents);
  return by;
}

async function rowsOf(
  db: GuanjiaDexie,
  procedures: Procedure[],
  settings: Settings
): Promise<ProcedureRow[]> {
  const [events, labels] = await Promise.all([
    eventsOf(
      db,
      procedures.map((p) => p.id)
    ),
    unitLabels(
      procedures.map((p) => p.unitId),
      db
    )
  ]);
  return procedures.map((procedure) => ({
    procedure,
    summary: summarize(
      procedure.kind,
      contextOf(procedure, settings),
      events.get(procedure.id) ?? []
    ),
    unitLabel: labels[procedure.unitId] ?? ''
  }));
}

/**
 * Every procedure with where it stands (the lifecycle screen): open ones first, then the
 * finished, newest first. Few enough (a handful a week) to fold them all.
 */
export async function lifecycleBoard(
  kind?: ProcedureKind,
  db: GuanjiaDexie = database()
): Promise<ProcedureRow[]> {
  const settings = await getSettings(db);
  const procedures = (await db.lifecycle.toArray())
    .filter((p) => !p.deleted && (!kind || p.kind === kind))
    .map(asProcedure);
  const rows = await rowsOf(db, procedures, settings);
  return rows.sort(
    (a, b) =>
      Number(a.summary.state.finished) - Number(b.summary.state.finished) ||
      b.procedure.createdAt - a.procedure.createdAt
  );
}

/** The procedures of one unit, newest first (the household page). */
export async function unitProcedures(
  unitId: string,
  db: GuanjiaDexie = database()
): Promise<ProcedureRow[]> {
  const settings = await getSettings(db);
  const procedures = (await db.lifecycle.where('unitId').equals(unitId).toArray())
    .filter((p) => !p.deleted)
    .map(asProcedure);
  const rows = await rowsOf(db, procedures, settings);
  return rows.sort((a, b) => b.procedure.createdAt - a.procedure.createdAt);
}

/** Everything the procedure page and its printed forms show. */
export async function procedureDetail(
  id: string,
  db: GuanjiaDexie = database()
): Promise<ProcedureDetail | undefined> {
  const row = await db.lifecycle.get(id);
  if (!row || row.deleted) return undefined;
  const procedure = asProcedure(row);
  const settings = await getSettings(db);
  const [[base], eventsBy, staff, community, person, unit] = await Promise.all([
    rowsOf(db, [procedure], settings),
    eventsOf(db, [id]),
    db.staff.toArray(),
    db.community.get(procedure.communityId),
    procedure.personId ? db.person.get(procedure.personId) : undefined,
    db.unit.get(procedure.unitId)
  ]);
  const ticketIds = base.summary.kind === 'moveIn' ? base.summary.state.ticketIds : [];
  const tickets = await indexRowsById(db, ticketIds);
  return {
    ...base,
    events: eventsBy.get(id) ?? [],
    ctx: contextOf(procedure, settings),
    settings,
    staffNames: Object.fromEntries(staff.map((s) => [s.id, String(s.name)])),
    communityName: community ? String(community.name) : undefined,
    personName: person ? String(person.name) : undefined,
    unitStatus: unit ? String(unit.status) : undefined,
    defectTickets: tickets.flatMap((t) =>
      t ? [{ ticketId: t.ticketId, number: t.number, status: t.status, excerpt: t.excerpt }] : []
    )
  };
}

export interface UnitLifecycle {
  rows: ProcedureRow[];
  /** Every move-in defect of the unit with the repair request it became (the owner's defect list). */
  defects: Pick<TicketIndexRow, 'ticketId' | 'number' | 'status' | 'excerpt' | 'open'>[];
}

/** The household page's card: the unit's procedures and its defect list. */
export async function unitLifecycle(
  unitId: string,
  db: GuanjiaDexie = database()
): Promise<UnitLifecycle> {
  const rows = await unitProcedures(unitId, db);
  const ids = rows.flatMap((r) => (r.summary.kind === 'moveIn' ? r.summary.state.ticketIds : []));
  const tickets = await indexRowsById(db, ids);
  return {
    rows,
    defects: tickets.flatMap((t) =>
      t
        ? [
            {
              ticketId: t.ticketId,
              number: t.number,
              status: t.status,
              excerpt: t.excerpt,
              open: t.open
            }
          ]
        : []
    )
  };
}
