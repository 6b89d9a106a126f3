import { withoutClocks } from '$lib/oplog/format';
import type { HandoverEvent } from '$lib/domain/records/handover';
import type { Shift } from '$lib/domain/records/shift';
import type { Ticket } from '$lib/domain/records/ticket';
import type { Role } from '$lib/domain/roles';
import { handoverState, type HandoverState } from '$lib/domain/handover/flow';
import { database, type GuanjiaDexie } from '../database';

const slotOrder = { early: 0, middle: 1, night: 2 } as const;

/** Newest first: by date, then the later shift of the day first. */
export function byNewest(a: Shift, b: Shift): number {
  return a.date === b.date ? slotOrder[b.slot] - slotOrder[a.slot] : a.date < b.date ? 1 : -1;
}

/** Shifts from `from` to `to` (ISO dates, inclusive), newest first: one index range, no events read. */
export async function listShifts(
  from: string,
  to: string,
  db: GuanjiaDexie = database()
): Promise<Shift[]> {
  const rows = await db.shift.where('date').between(from, to, true, true).toArray();
  return rows
    .map((r) => withoutClocks(r) as Shift)
    .filter((s) => !s.deleted)
    .sort(byNewest);
}

export async function getShift(
  id: string,
  db: GuanjiaDexie = database()
): Promise<Shift | undefined> {
  const row = await db.shift.get(id);
  return row && !row.deleted ? (withoutClocks(row) as Shift) : undefined;
}

export async function shiftEvents(
  shiftId: string,
  db: GuanjiaDexie = database()
): Promise<HandoverEvent[]> {
  const rows = await db.handoverEvent.where('shiftId').equals(shiftId).toArray();
  return rows.map((r) => withoutClocks(r) as HandoverEvent);
}

/** Staff id → role, for the flow (who may take which step) and names for the screen. */
export async function staffDirectory(
  db: GuanjiaDexie = database()
): Promise<Map<string, { name: string; role: Role }>> {
  const rows = await db.staff.toArray();
  return new Map(rows.map((r) => [r.id, { name: String(r.name), role: r.role as Role }]));
}

export interface ShiftHandover {
  shift: Shift;
  state: HandoverState;
}

/** A shift with where its handover stands (the events folded by domain/handover/flow.ts). */
export async function getHandover(
  shiftId: string,
  db: GuanjiaDexie = database()
): Promise<ShiftHandover | undefined> {
  const [shift, events, staff] = await Promise.all([
    getShift(shiftId, db),
    shiftEvents(shiftId, db),
    staffDirectory(db)
  ]);
  if (!shift) return undefined;
  const roles = new Map([...staff].map(([id, s]) => [id, s.role]));
  return { shift, state: handoverState(events, roles) };
}

/** Refused handovers not yet closed, for the supervisor and manager (003 §3.9 1.5]: 报上级领导处理). */
export async function escalatedShifts(
  since: string,
  db: GuanjiaDexie = database()
): Promise<Shift[]> {
  const rows = await db.shift.where('date').aboveOrEqual(since).toArray();
  return rows
    .map((r) => withoutClocks(r) as Shift)
    .filter((s) => !s.deleted && s.status === 'refused')
    .sort(byNewest);
}

/** Requests a pending item can link to: by number or words of the content, newest first. */
export async function findTicketsForHandover(
  term: string,
  db: GuanjiaDexie = database(),
  limit = 12
): Promise<Pick<Ticket, 'id' | 'number' | 'content'>[]> {
  const needle = term.trim().toLowerCase();
  if (!needle) return [];
  const rows = await db.ticket
    .orderBy('createdAt')
    .reverse()
    .filter(
      (r) =>
        !r.deleted &&
        (String(r.number).toLowerCase().includes(needle) || String(r.content).includes(term.trim()))
    )
    .limit(limit)
    .toArray();
  return rows.map((r) => ({ id: r.id, number: String(r.number), content: String(r.content) }));
}

export async function ticketsByIds(
  ids: readonly string[],
  db: GuanjiaDexie = database()
): Promise<Map<string, Pick<Ticket, 'id' | 'number' | 'content'>>> {
  const rows = await db.ticket.bulkGet([...ids]);
  return new Map(
    rows.flatMap((r) =>
      r ? [[r.id, { id: r.id, number: String(r.number), content: String(r.content) }]] : []
    )
  );
}
