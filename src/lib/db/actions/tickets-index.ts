import { withoutClocks, type StoredRow } from '$lib/oplog/format';
import type { Ticket } from '$lib/domain/records/ticket';
import { foldEvents, type TicketSummary, type TimelineEvent } from '$lib/domain/tickets/fold';
import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import type { WorkflowContext } from '$lib/domain/tickets/workflows';
import { database, type GuanjiaDexie } from '../database';

/**
 * The derived index of requests (one row per request: its folded summary), kept on each
 * device in the local `ticketIndex` table. Why local and not fields of the ticket row:
 * every device derives the same summary from the same events, so syncing it would only add
 * ops, and department staff (who may only append events) would need the right to edit
 * tickets. The commit road keeps it (db/derived.ts), in the same transaction as the rows it
 * derives from, for local writes and received batches alike.
 */
/** Set once the index has been built from the tables (a database from before the commit road). */
const BUILT = 'ticketIndex.built';

export function contextOf(
  ticket: Pick<Ticket, 'kind' | 'unitId' | 'outsideServiceList'>
): WorkflowContext {
  return {
    kind: ticket.kind,
    inUnit: ticket.unitId !== undefined,
    outsideServiceList: ticket.outsideServiceList ?? false
  };
}

export function indexRowOf(ticket: Ticket, summary: TicketSummary): TicketIndexRow {
  return {
    ...summary,
    open: summary.open && !ticket.deleted ? 1 : 0,
    ticketId: ticket.id,
    kind: ticket.kind,
    communityId: ticket.communityId,
    unitId: ticket.unitId,
    number: ticket.number,
    category: ticket.category ?? '',
    urgent: ticket.urgent ?? false,
    excerpt: ticket.content.slice(0, 80),
    callerName: ticket.callerName ?? '',
    location: ticket.location ?? '',
    incidentId: ticket.incidentId
  };
}

const asTicket = (row: StoredRow) => withoutClocks(row) as unknown as Ticket;
const asEvent = (row: StoredRow) => withoutClocks(row) as unknown as TimelineEvent;

/** Fold the given requests again from their events and store their index rows. */
export async function reindexTickets(db: GuanjiaDexie, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  const unique = [...new Set(ids)];
  const [tickets, events] = await Promise.all([
    db.ticket.bulkGet(unique),
    db.ticketEvent.where('ticketId').anyOf(unique).toArray()
  ]);
  const byTicket = groupEvents(events);
  const rows: TicketIndexRow[] = [];
  for (const row of tickets) {
    if (!row || row.content === undefined) continue; // events may arrive before their ticket
    const ticket = asTicket(row);
    rows.push(indexRowOf(ticket, foldEvents(contextOf(ticket), byTicket.get(ticket.id) ?? [])));
  }
  await db.ticketIndex.bulkPut(rows);
  return rows.length;
}

function groupEvents(rows: StoredRow[]): Map<string, TimelineEvent[]> {
  const byTicket = new Map<string, TimelineEvent[]>();
  for (const row of rows) {
    if (row.deleted) continue;
    const e = asEvent(row);
    const ticketId = row.ticketId as string;
    const list = byTicket.get(ticketId);
    if (list) list.push(e);
    else byTicket.set(ticketId, [e]);
  }
  return byTicket;
}

/** Every request folded from scratch (a database from before the commit road kept it). */
export async function rebuildTicketIndex(db: GuanjiaDexie = database()): Promise<number> {
  return db.transaction('rw', [db.ticket, db.ticketEvent, db.local, db.ticketIndex], async () => {
    const [tickets, events] = await Promise.all([db.ticket.toArray(), db.ticketEvent.toArray()]);
    const byTicket = groupEvents(events);
    const rows = tickets.map((row) => {
      const ticket = asTicket(row);
      return indexRowOf(ticket, foldEvents(contextOf(ticket), byTicket.get(ticket.id) ?? []));
    });
    await db.ticketIndex.clear();
    await db.ticketIndex.bulkPut(rows);
    await db.local.put({ key: BUILT, value: true });
    return rows.length;
  });
}

/**
 * Build the index once on a database whose rows were stored before the commit road kept it
 * (its requests were indexed only while a board was open). Afterwards a no-op: one read.
 */
export async function ensureTicketIndex(db: GuanjiaDexie = database()): Promise<boolean> {
  if (await db.local.get(BUILT)) return false;
  const [tickets, state, old] = await Promise.all([
    db.ticket.count(),
    db.meta.get('sync'),
    db.local.get(OLD_CHECKPOINT)
  ]);
  // Nothing to index yet, or the old index had caught up with everything held: keep it.
  const caughtUp = old !== undefined && sameVector(old.value, state?.vv ?? {});
  if (tickets === 0 || caughtUp) {
    await db.local.put({ key: BUILT, value: true });
    return false;
  }
  await rebuildTicketIndex(db);
  return true;
}

/** Where the index of an older version said it had caught up to (a version vector). */
const OLD_CHECKPOINT = 'ticketIndex.vv';

function sameVector(a: unknown, b: Record<string, number>): boolean {
  if (!a || typeof a !== 'object') return false;
  const left = a as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(b)]);
  return [...keys].every((k) => (left[k] ?? 0) === (b[k] ?? 0));
}

/** Whether the index is still to be built (the board says "整理中" until it is). */
export async function ticketIndexBehind(db: GuanjiaDexie = database()): Promise<boolean> {
  if (await db.local.get(BUILT)) return false;
  return (await db.ticket.count()) > 0;
}

/**
 * @deprecated The commit road keeps the index now (db/derived.ts); kept one release for
 * branches written before it. Builds the index once if needed; the returned stop does nothing.
 */
export function keepTicketIndex(db: GuanjiaDexie = database()): () => void {
  void ensureTicketIndex(db);
  return () => undefined;
}
