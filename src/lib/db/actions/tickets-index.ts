import { Dexie, type Transaction } from 'dexie';
import { withoutClocks, type StoredRow } from '$lib/oplog/format';
import type { Ticket } from '$lib/domain/records/ticket';
import {
  applyEvent,
  compareEvents,
  foldEvents,
  type TicketSummary,
  type TimelineEvent
} from '$lib/domain/tickets/fold';
import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import type { WorkflowContext } from '$lib/domain/tickets/workflows';
import { database, type GuanjiaDexie } from '../database';
import { derivedBuilt } from '../derived-built';
import { clearIndexRows, indexRowsById, indexTables, storeIndexRows } from '../ticket-index-store';

/**
 * The derived index of requests (one row per request: its folded summary), kept on each
 * device in local tables (ticket-index-store.ts: by week recorded, and the open ones). Why
 * local and not fields of the ticket row:
 * every device derives the same summary from the same events, so syncing it would only add
 * ops, and department staff (who may only append events) would need the right to edit
 * tickets. The commit road keeps it (db/derived.ts), in the same transaction as the rows it
 * derives from, for local writes and received batches alike.
 */
/** Set once the index has been built from the tables (a database from before the commit road). */
const BUILT = derivedBuilt.ticketIndex;

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

/**
 * Where a request's fold stopped, kept in its index row so that the next events can be
 * folded on from there: the summary's own `open` (the row's is 0 for a deleted ticket), the
 * workflow context it was folded with, the last event folded in the (at, id) order, and
 * whether the ticket was deleted. The rest of the summary is the row's own fields, so the
 * row grows by a few bytes only (a catch-up writes tens of thousands of them).
 */
interface FoldState {
  o: boolean;
  c: WorkflowContext;
  at: number;
  id: string;
  d: boolean;
}
type StoredIndexRow = TicketIndexRow & { fold?: FoldState };

const sameContext = (a: WorkflowContext, b: WorkflowContext) =>
  a.kind === b.kind && a.inUnit === b.inUnit && a.outsideServiceList === b.outsideServiceList;

/** The index row of `ticket` folded to `summary`, with where the fold stopped. */
function storedRowOf(ticket: Ticket, summary: TicketSummary, last: TimelineEvent | undefined) {
  const row: StoredIndexRow = indexRowOf(ticket, summary);
  row.fold = {
    o: summary.open,
    c: contextOf(ticket),
    at: last?.at ?? -Infinity,
    id: last?.id ?? '',
    d: ticket.deleted === true
  };
  return row;
}

/** The keys of an index row that come from the ticket, not from its events (indexRowOf). */
const TICKET_KEYS = [
  'ticketId',
  'kind',
  'communityId',
  'unitId',
  'number',
  'category',
  'urgent',
  'excerpt',
  'callerName',
  'location',
  'incidentId',
  'fold'
] as const;
const ticketKeys = new Set<string>(TICKET_KEYS);

/** The summary an index row was made from (its fields beside the ticket's). */
function summaryOf(row: StoredIndexRow, fold: FoldState): TicketSummary {
  const summary: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (!ticketKeys.has(key)) summary[key] = value;
  summary.open = fold.o;
  return summary as unknown as TicketSummary;
}

/** The parts of an index row that come from the ticket, not from its events. */
function ticketPart(row: StoredIndexRow): Partial<StoredIndexRow> {
  const part: Record<string, unknown> = {};
  for (const key of TICKET_KEYS) if (key in row) part[key] = row[key];
  return part as Partial<StoredIndexRow>;
}

/** What a commit tells the index (derived.ts): which rows were stored before it. */
export interface IndexChange {
  tickets: readonly StoredRow[];
  events: readonly StoredRow[];
  /** Whether the row was stored before this commit; without it every row may have been. */
  existed?: (table: 'ticket' | 'ticketEvent', id: string) => boolean;
  /** Tickets physically removed by this commit: their index rows go too. */
  goneTickets?: readonly string[];
  /** Fold every touched request again from all its events. */
  refoldAll?: boolean;
  /** Where the time goes (the sync bench): stage, ms, rows. */
  timings?: (stage: string, ms: number, count: number) => void;
  /**
   * A large catch-up (derived.ts `deferrable`): the rows are folded as usual but kept in
   * memory, not read back or written per apply; `settleTicketIndex` writes them once.
   */
  defer?: boolean;
}

/**
 * Index rows folded by the deferred applies of a catch-up, by database: written once by
 * settleTicketIndex (each request's row was otherwise written with its ticket and again with
 * each apply of its events, and read back each time). A row goes in only when its apply's
 * transaction completes. `stale`: requests a commit that was not deferred indexed meanwhile
 * (a local write during the catch-up): folded again from the stored rows when settling.
 * Lost if the app stops: the index is then marked behind, ensureTicketIndex builds it.
 */
interface Pending {
  rows: Map<string, StoredIndexRow>;
  stale: Set<string>;
}
const pending = new WeakMap<GuanjiaDexie, Pending>();
const staging = new WeakMap<Transaction, Map<string, StoredIndexRow | undefined>>();

/** This transaction's deferred rows (undefined: removed), merged into `held` on completion. */
function stagedRows(held: Pending): Map<string, StoredIndexRow | undefined> {
  const tx = Dexie.currentTransaction;
  const known = tx && staging.get(tx);
  if (known) return known;
  const staged = new Map<string, StoredIndexRow | undefined>();
  const merge = () => {
    for (const [id, row] of staged) {
      if (row) held.rows.set(id, row);
      else held.rows.delete(id);
      held.stale.delete(id);
    }
  };
  if (tx) {
    staging.set(tx, staged);
    tx.on('complete', merge);
  } else queueMicrotask(merge);
  return staged;
}

/**
 * Keep the index rows of the requests a commit touched, batch-wise: one read of their index
 * rows, one bulkPut. A request whose new events all come after the last one folded (the
 * usual case: live steps, a catch-up in log order) is folded on from its stored state with
 * the events in hand — no read of its events. Only requests with an edited or deleted
 * event, an event older than the last folded, a changed workflow context, or no index row
 * yet are folded again from all their events (one indexed read for all of them). Both roads
 * give the same row: foldEvents is a left fold over the (at, id) order.
 */
export async function updateTicketIndex(db: GuanjiaDexie, change: IndexChange): Promise<number> {
  const { existed } = change;
  const changedTickets = new Map<string, StoredRow>();
  for (const row of change.tickets) changedTickets.set(row.id, row);
  const newEvents = new Map<string, StoredRow[]>();
  const refold = new Set<string>();
  const ids = new Set<string>(changedTickets.keys());
  if (change.refoldAll) for (const id of ids) refold.add(id);
  for (const row of change.events) {
    const ticketId = row.ticketId;
    if (typeof ticketId !== 'string') continue;
    ids.add(ticketId);
    if (!existed || existed('ticketEvent', row.id)) refold.add(ticketId);
    else if (row.deleted !== true) {
      const list = newEvents.get(ticketId);
      if (list) list.push(row);
      else newEvents.set(ticketId, [row]);
    }
  }
  const held = pending.get(db);
  const deferred = change.defer ? (held ?? newPending(db)) : undefined;
  const staged = deferred && stagedRows(deferred);
  for (const id of change.goneTickets ?? []) {
    ids.delete(id);
    staged?.set(id, undefined);
    if (held && !deferred) markStale(held, id);
  }
  if (change.goneTickets?.length) await storeIndexRows(db, [], change.goneTickets);
  if (!ids.size) return 0;
  const list = [...ids];
  let mark = performance.now();
  const lap = (stage: string, count: number): void => {
    const at = performance.now();
    change.timings?.(`apply.derived.ticketIndex.${stage}`, at - mark, count);
    mark = at;
  };
  // While a catch-up holds rows in memory they are the current ones, for any commit.
  const current = deferred ?? held;
  const stored = current
    ? await deferredRows(db, current, staged, list, changedTickets, existed)
    : await indexRowsById<StoredIndexRow>(db, list);
  lap('read', list.length);
  const out: StoredIndexRow[] = [];
  const ticketOf = new Map<string, Ticket>();
  list.forEach((id, i) => {
    const row = stored[i];
    const changed = changedTickets.get(id);
    const ticket = changed && changed.content !== undefined ? asTicket(changed) : undefined;
    if (ticket) ticketOf.set(id, ticket);
    const fold = row?.fold;
    if (refold.has(id) || !fold || (ticket && !sameContext(fold.c, contextOf(ticket)))) {
      refold.add(id);
      return;
    }
    const events = (newEvents.get(id) ?? []).map(asEvent).sort(compareEvents);
    const first = events[0];
    if (first && (first.at < fold.at || (first.at === fold.at && first.id <= fold.id))) {
      refold.add(id);
      return;
    }
    let summary = summaryOf(row, fold);
    for (const e of events) summary = applyEvent(fold.c, summary, e);
    const last = events.at(-1);
    const next: StoredIndexRow = ticket
      ? indexRowOf(ticket, summary)
      : ({
          ...summary,
          ...ticketPart(row),
          open: summary.open && !fold.d ? 1 : 0
        } as StoredIndexRow);
    next.fold = {
      o: summary.open,
      c: fold.c,
      at: last?.at ?? fold.at,
      id: last?.id ?? fold.id,
      d: ticket ? ticket.deleted === true : fold.d
    };
    out.push(next);
  });
  lap('fold', out.length);
  if (refold.size) {
    const again = [...refold];
    const missing = again.filter((id) => !ticketOf.has(id));
    const [read, events] = await Promise.all([
      missing.length ? db.ticket.bulkGet(missing) : [],
      db.ticketEvent.where('ticketId').anyOf(again).toArray()
    ]);
    missing.forEach((id, i) => {
      const row = read[i];
      if (row && row.content !== undefined) ticketOf.set(id, asTicket(row));
    });
    const byTicket = groupEvents(events);
    for (const id of again) {
      const ticket = ticketOf.get(id);
      if (!ticket) continue; // events may arrive before their ticket
      const list = (byTicket.get(id) ?? []).sort(compareEvents);
      out.push(storedRowOf(ticket, foldEvents(contextOf(ticket), list), list.at(-1)));
    }
  }
  lap('refold', refold.size);
  if (staged) for (const row of out) staged.set(row.ticketId, row);
  else if (out.length) {
    await storeIndexRows(db, out);
    // Written past a catch-up's rows in memory: those are folded again when it settles.
    if (held) for (const row of out) markStale(held, row.ticketId);
  }
  lap('put', out.length);
  return out.length;
}

/** A request indexed by a commit that was not deferred: the stored row is the one to use. */
function markStale(held: Pending, id: string): void {
  held.rows.delete(id);
  held.stale.add(id);
}

function newPending(db: GuanjiaDexie): Pending {
  const created: Pending = { rows: new Map(), stale: new Set() };
  pending.set(db, created);
  return created;
}

/**
 * The index rows of `list` while a catch-up holds rows: this transaction's (a deferred
 * apply), then the catch-up's in memory, else the stored ones — read only for requests that may have one (a
 * request whose ticket was not stored before this commit has no index row).
 */
async function deferredRows(
  db: GuanjiaDexie,
  held: Pending,
  staged: Map<string, StoredIndexRow | undefined> | undefined,
  list: readonly string[],
  changedTickets: ReadonlyMap<string, StoredRow>,
  existed: IndexChange['existed']
): Promise<(StoredIndexRow | undefined)[]> {
  const known = (id: string) => staged?.has(id) || held.rows.has(id);
  const absent = (id: string) => existed && changedTickets.has(id) && !existed('ticket', id);
  const read = list.filter((id) => !known(id) && !absent(id));
  const got = await indexRowsById<StoredIndexRow>(db, read);
  const fromStore = new Map(read.map((id, i) => [id, got[i]]));
  return list.map((id) =>
    staged?.has(id) ? staged.get(id) : (held.rows.get(id) ?? fromStore.get(id))
  );
}

/**
 * After a catch-up (engine.settle → derived.ts): write the rows its deferred applies folded,
 * once, fold again the requests other commits indexed meanwhile, and mark the index built.
 * Without rows in memory (the app stopped mid-catch-up) it is built from the tables.
 */
export async function settleTicketIndex(db: GuanjiaDexie): Promise<unknown> {
  const held = pending.get(db);
  if (!held) return ensureTicketIndex(db);
  pending.delete(db);
  const scope = [db.ticket, db.ticketEvent, ...indexTables(db), db.local];
  return db.transaction('rw', scope, async () => {
    const rows = [...held.rows].filter(([id]) => !held.stale.has(id)).map(([, row]) => row);
    await storeIndexRows(db, rows);
    if (held.stale.size) await reindexTickets(db, [...held.stale]);
    await db.local.put({ key: BUILT, value: true });
  });
}

/** Fold the given requests again from all their events and store their index rows. */
export async function reindexTickets(db: GuanjiaDexie, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  const tickets = await db.ticket.bulkGet([...new Set(ids)]);
  return updateTicketIndex(db, {
    tickets: tickets.filter((t): t is StoredRow => t !== undefined),
    events: [],
    refoldAll: true
  });
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
  const scope = [db.ticket, db.ticketEvent, db.local, ...indexTables(db)];
  return db.transaction('rw', scope, async () => {
    const [tickets, events] = await Promise.all([db.ticket.toArray(), db.ticketEvent.toArray()]);
    const byTicket = groupEvents(events);
    const rows = tickets.map((row) => {
      const ticket = asTicket(row);
      const list = (byTicket.get(ticket.id) ?? []).sort(compareEvents);
      return storedRowOf(ticket, foldEvents(contextOf(ticket), list), list.at(-1));
    });
    await clearIndexRows(db);
    await storeIndexRows(db, rows);
    await db.local.put({ key: BUILT, value: true });
    return rows.length;
  });
}

/**
 * Leave the index to be built again (a large catch-up, derived.ts): one delete in the
 * commit's transaction; ensureTicketIndex builds it after the catch-up, or at the next start.
 * Meanwhile the board says "整理中" (ticketIndexBehind).
 */
export async function markTicketIndexBehind(db: GuanjiaDexie): Promise<void> {
  await db.local.delete(BUILT);
}

/**
 * Build the index once on a database whose index is not built: rows stored before the commit
 * road kept it, or before it was stored by week (database version 11 dropped the old table).
 * Afterwards a no-op: one read.
 */
export async function ensureTicketIndex(db: GuanjiaDexie = database()): Promise<boolean> {
  // A catch-up holds the rows it folded: it writes them when it settles.
  if (pending.has(db) || (await db.local.get(BUILT))) return false;
  if ((await db.ticket.count()) === 0) {
    await db.local.put({ key: BUILT, value: true });
    return false;
  }
  await rebuildTicketIndex(db);
  return true;
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
