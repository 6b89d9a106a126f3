import { liveQuery } from 'dexie';
import { withoutClocks, type StoredRow } from '$lib/domain/ops';
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
 * tickets. Local writes update it in the same transaction as the event; events that
 * arrive from other devices are caught up from the op log (refreshTicketIndex).
 */
const CHECKPOINT = 'ticketIndex.vv';

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

/** Every request folded from scratch (first start, after loading the demo office). */
export async function rebuildTicketIndex(db: GuanjiaDexie = database()): Promise<number> {
  return db.transaction(
    'rw',
    [db.ticket, db.ticketEvent, db.meta, db.local, db.ticketIndex],
    async () => {
      const state = await db.meta.get('sync');
      const [tickets, events] = await Promise.all([db.ticket.toArray(), db.ticketEvent.toArray()]);
      const byTicket = groupEvents(events);
      const rows = tickets.map((row) => {
        const ticket = asTicket(row);
        return indexRowOf(ticket, foldEvents(contextOf(ticket), byTicket.get(ticket.id) ?? []));
      });
      await db.ticketIndex.clear();
      await db.ticketIndex.bulkPut(rows);
      await db.local.put({ key: CHECKPOINT, value: { ...(state?.vv ?? {}) } });
      return rows.length;
    }
  );
}

/**
 * Catch the index up with what the op log holds beyond its checkpoint: the requests and
 * events that arrived from other devices (or were written by other code on this one) are
 * folded again. Cheap when nothing is new: two reads.
 */
export async function refreshTicketIndex(
  db: GuanjiaDexie = database()
): Promise<{ refolded: number; full: boolean }> {
  const [state, saved] = await Promise.all([db.meta.get('sync'), db.local.get(CHECKPOINT)]);
  const vv = state?.vv ?? {};
  const checkpoint = saved?.value as Record<string, number> | undefined;
  if (!checkpoint) return { refolded: await rebuildTicketIndex(db), full: true };
  const behind = Object.entries(vv).filter(([device, seq]) => seq > (checkpoint[device] ?? 0));
  if (!behind.length) return { refolded: 0, full: false };

  return db.transaction(
    'rw',
    [db.ticket, db.ticketEvent, db.oplog, db.meta, db.local, db.ticketIndex],
    async () => {
      const ids = new Set<string>();
      for (const [device, seq] of behind) {
        const from = checkpoint[device] ?? 0;
        const chunks = await db.oplog
          .where('[device+last]')
          .between([device, from + 1], [device, seq], true, true)
          .toArray();
        // A compacted log no longer has what we missed: fold everything again.
        if (!chunks.length || chunks[0].first > from + 1)
          return { refolded: await rebuildAll(), full: true };
        for (const chunk of chunks)
          for (const op of chunk.ops) {
            if (op.k !== 'row') continue;
            if (op.t === 'ticket') ids.add(op.r);
            else if (op.t === 'ticketEvent' && typeof op.f.ticketId === 'string')
              ids.add(op.f.ticketId);
          }
      }
      const refolded = await reindexTickets(db, [...ids]);
      await db.local.put({ key: CHECKPOINT, value: { ...checkpoint, ...vv } });
      return { refolded, full: false };
    }
  );

  async function rebuildAll() {
    return rebuildTicketIndex(db);
  }
}

/** Whether the index has caught up with the op log (the board says "整理中" until it has). */
export async function ticketIndexBehind(db: GuanjiaDexie = database()): Promise<boolean> {
  const [state, saved] = await Promise.all([db.meta.get('sync'), db.local.get(CHECKPOINT)]);
  const checkpoint = saved?.value as Record<string, number> | undefined;
  if (!checkpoint) return (await db.ticket.count()) > 0;
  return Object.entries(state?.vv ?? {}).some(([d, seq]) => seq > (checkpoint[d] ?? 0));
}

/**
 * Keep the index up to date while a screen that reads it is open: every change of the
 * device's version vector (a local write, a sync) triggers a catch-up, one at a time.
 */
export function keepTicketIndex(db: GuanjiaDexie = database()): () => void {
  let running: Promise<unknown> = Promise.resolve();
  let again = false;
  let busy = false;
  const run = () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    running = refreshTicketIndex(db)
      .catch((error: unknown) => console.error('ticket index', error))
      .finally(() => {
        busy = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const subscription = liveQuery(() => db.meta.get('sync')).subscribe({ next: run });
  void running;
  return () => subscription.unsubscribe();
}
