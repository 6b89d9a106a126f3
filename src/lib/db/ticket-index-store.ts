import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import type { GuanjiaDexie } from './database';

/**
 * Where the request index (actions/tickets-index.ts) is stored: its rows grouped by the week
 * they were recorded in, one record per week (`ticketBucket`, found by request id through a
 * multi-entry index), and the open requests' rows once more, one record each
 * (`ticketOpen`: the board, the start page and the deadlines read only these).
 *
 * Why weeks and not one record per request: IndexedDB's cost is per record and per index
 * entry, not per byte. A new tablet catching up on a large office (33,000 requests) spent
 * 4.3 s writing 33,000 index records, against 2.8 s for the requests themselves; the same
 * rows in 160 weekly records take 0.3 s (BENCHMARKS.md, session 10). A live step rewrites
 * one week's record (a few hundred rows): a few milliseconds.
 */

/** One week's requests (by when they were recorded; unrecorded ones in NO_WEEK). */
export interface TicketBucket {
  key: number;
  /** The requests' ids, in `rows` order: the multi-entry index that finds a request's week. */
  ids: string[];
  rows: TicketIndexRow[];
}

const WEEK_MS = 7 * 86_400_000;
/** Requests with no "recorded" step yet (events received before their first one). */
const NO_WEEK = -1;

const weekOf = (recordedAt: number | undefined): number =>
  recordedAt === undefined ? NO_WEEK : Math.floor(recordedAt / WEEK_MS);

/** The index rows of these requests, in order (undefined: not indexed). */
export async function indexRowsById<T extends TicketIndexRow = TicketIndexRow>(
  db: GuanjiaDexie,
  ids: readonly string[]
): Promise<(T | undefined)[]> {
  if (!ids.length) return [];
  const byId = new Map<string, TicketIndexRow>();
  for (const bucket of await db.ticketBucket.where('ids').anyOf(ids).toArray())
    for (const row of bucket.rows) byId.set(row.ticketId, row);
  return ids.map((id) => byId.get(id) as T | undefined);
}

/** The open requests' index rows. */
export const openIndexRows = (db: GuanjiaDexie): Promise<TicketIndexRow[]> =>
  db.ticketOpen.toArray();

/** The open requests' ids (their index rows unread). */
export const openTicketIds = (db: GuanjiaDexie): Promise<string[]> =>
  db.ticketOpen.toCollection().primaryKeys();

const byRecorded = (a: TicketIndexRow, b: TicketIndexRow): number =>
  (a.recordedAt ?? 0) - (b.recordedAt ?? 0) || (a.ticketId < b.ticketId ? -1 : 1);

/**
 * The requests recorded in [from, to) (`toIncluded`: [from, to]), of one kind if given,
 * in the order they were recorded.
 */
export async function indexRowsBetween(
  db: GuanjiaDexie,
  from: number,
  to: number,
  options: { kind?: TicketIndexRow['kind']; toIncluded?: boolean } = {}
): Promise<TicketIndexRow[]> {
  if (to < from) return [];
  const buckets = await db.ticketBucket
    .where('key')
    .between(weekOf(from), weekOf(to), true, true)
    .toArray();
  const out: TicketIndexRow[] = [];
  for (const bucket of buckets)
    for (const row of bucket.rows) {
      const at = row.recordedAt;
      if (at === undefined || at < from || at > to || (at === to && !options.toIncluded)) continue;
      if (options.kind === undefined || row.kind === options.kind) out.push(row);
    }
  return out.sort(byRecorded);
}

/** The latest recorded requests that pass `keep`, newest first, at most `limit`. */
export async function latestIndexRows(
  db: GuanjiaDexie,
  limit: number,
  keep: (row: TicketIndexRow) => boolean = () => true
): Promise<TicketIndexRow[]> {
  const keys = (await db.ticketBucket.where('key').aboveOrEqual(0).primaryKeys()).reverse();
  const out: TicketIndexRow[] = [];
  // Week by week from the newest, a few at a time, until enough rows are found.
  for (let i = 0; i < keys.length && out.length < limit; i += 4) {
    const buckets = await db.ticketBucket.bulkGet(keys.slice(i, i + 4));
    for (const bucket of buckets)
      if (bucket) out.push(...bucket.rows.filter(keep).sort((a, b) => byRecorded(b, a)));
  }
  return out.slice(0, limit);
}

/**
 * Store index rows and remove others, in the caller's transaction (over ticketBucket and
 * ticketOpen): each touched week is read once and written once; a request whose recorded
 * time moved to another week leaves its old one.
 */
export async function storeIndexRows(
  db: GuanjiaDexie,
  rows: readonly TicketIndexRow[],
  removed: readonly string[] = []
): Promise<void> {
  if (!rows.length && !removed.length) return;
  const touched = [...rows.map((r) => r.ticketId), ...removed];
  const leaving = new Set(touched);
  // The weeks holding a touched request, without it (its row goes back in below).
  const weeks = new Map<number, Map<string, TicketIndexRow>>();
  for (const bucket of await db.ticketBucket.where('ids').anyOf(touched).toArray())
    weeks.set(
      bucket.key,
      new Map(bucket.rows.filter((r) => !leaving.has(r.ticketId)).map((r) => [r.ticketId, r]))
    );
  const changed = new Set<number>(weeks.keys());
  const wanted = [...new Set(rows.map((r) => weekOf(r.recordedAt)))].filter((k) => !weeks.has(k));
  const more = await db.ticketBucket.bulkGet(wanted);
  wanted.forEach((key, i) =>
    weeks.set(key, new Map(more[i]?.rows.map((r): [string, TicketIndexRow] => [r.ticketId, r])))
  );
  for (const row of rows) {
    const key = weekOf(row.recordedAt);
    weeks.get(key)?.set(row.ticketId, row);
    changed.add(key);
  }
  const put: TicketBucket[] = [];
  const empty: number[] = [];
  for (const key of changed) {
    const week = weeks.get(key);
    if (!week?.size) empty.push(key);
    else put.push({ key, ids: [...week.keys()], rows: [...week.values()] });
  }
  const open = rows.filter((r) => r.open === 1);
  for (const row of open) leaving.delete(row.ticketId);
  // Only the touched requests listed as open now are deleted from the list (a catch-up
  // touches tens of thousands of closed ones: a delete each would cost what a put does).
  const listed = await openTicketIds(db);
  const closed = listed.filter((id) => leaving.has(id));
  await Promise.all([
    put.length ? db.ticketBucket.bulkPut(put) : undefined,
    empty.length ? db.ticketBucket.bulkDelete(empty) : undefined,
    open.length ? db.ticketOpen.bulkPut(open) : undefined,
    closed.length ? db.ticketOpen.bulkDelete(closed) : undefined
  ]);
}

/** Every index row gone (before a rebuild from the tables). */
export async function clearIndexRows(db: GuanjiaDexie): Promise<void> {
  await Promise.all([db.ticketBucket.clear(), db.ticketOpen.clear()]);
}

/** The tables the index is stored in (a transaction's scope). */
export const indexTables = (db: GuanjiaDexie) => [db.ticketBucket, db.ticketOpen];
