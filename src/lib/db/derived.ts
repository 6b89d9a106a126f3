import type { Table } from 'dexie';
import type { StoredRow } from '$lib/oplog/format';
import type { TableName } from '$lib/domain/tables';
import type { GuanjiaDexie } from './database';
import {
  markTicketIndexBehind,
  settleTicketIndex,
  updateTicketIndex
} from './actions/tickets-index';
import { indexTables } from './ticket-index-store';
import { feeBalanceSources, updateFeeBalances } from './actions/fee-balance';
import {
  updateVisitHistory,
  visitHistoryScope,
  visitHistorySources
} from './actions/visit-history';

/**
 * Data derived from the records and stored beside them (device-local, never synced),
 * kept by the commit road (commit.ts) in the same transaction as the rows it derives
 * from — for local writes and received batches alike, with no screen needing to be open.
 * A deriver names the record tables it reads and the tables it writes; a commit that
 * changes one of its sources includes all of them in its transaction.
 */
interface Deriver {
  sources: readonly TableName[];
  scope(db: GuanjiaDexie): Table[];
  update(
    db: GuanjiaDexie,
    changed: ReadonlyMap<TableName, StoredRow[]>,
    commit: DerivedCommit
  ): Promise<unknown>;
  /**
   * A large catch-up may write this deriver's rows once at its end: cheaper than a read and
   * a write of its rows in each apply (a request's index row was written once with its
   * ticket and again with each apply of its events). In a deferred commit `behind` runs in
   * the commit's transaction (db.local is in its scope then) and leaves a mark, and `update`
   * gets `defer` (it may keep its rows in memory); `rebuild` (its own transaction, after the
   * catch-up) writes them and clears the mark — or builds from the tables when the app
   * stopped in between (also at the next start).
   */
  deferrable?: {
    behind(db: GuanjiaDexie): Promise<unknown>;
    rebuild(db: GuanjiaDexie): Promise<unknown>;
  };
}

/**
 * What a commit knows beside its changed rows, so a deriver can work batch-wise (read its
 * own rows once, not the sources): which rows were stored before the commit, and which
 * were physically removed (settleAuthors: rows only refused ops had made). Both optional:
 * without `existed` every row may have been stored before.
 */
export interface DerivedCommit {
  existed?: (table: TableName, id: string) => boolean;
  /** Rows removed, with their last stored values (also passed in `changed` as deleted). */
  gone?: ReadonlyMap<TableName, readonly StoredRow[]>;
  /** Where the time goes (the sync bench's breakdown): stage, ms, items. */
  timings?: (stage: string, ms: number, count: number) => void;
  /** A large catch-up: deferrable derivers may keep their rows for `rebuildDeferred` later. */
  defer?: boolean;
}

const derivers: Deriver[] = [
  {
    // The request board's index (tickets-index.ts): one folded summary per request.
    sources: ['ticket', 'ticketEvent'],
    scope: (db) => [db.ticket, db.ticketEvent, ...indexTables(db)],
    update: (db, changed, { existed, gone, timings, defer }) =>
      updateTicketIndex(db, {
        tickets: changed.get('ticket') ?? [],
        events: changed.get('ticketEvent') ?? [],
        existed,
        goneTickets: gone?.get('ticket')?.map((r) => r.id),
        timings,
        defer
      }),
    // Folded per apply as usual but kept in memory; written once when the catch-up settles.
    deferrable: { behind: markTicketIndexBehind, rebuild: settleTicketIndex }
  },
  {
    // The fees area's per-unit balances (fee-balance.ts): arrears list and collection rate.
    sources: feeBalanceSources,
    scope: (db) => [db.feeLedger, db.feeBalance],
    update: updateFeeBalances
  },
  {
    // The visit plan's draw (visit-history.ts): one history and one households row per community.
    sources: visitHistorySources,
    scope: visitHistoryScope,
    update: updateVisitHistory
  }
];

/**
 * The tables a commit over `tables` must also hold to keep the derived data (`defer`: a
 * catch-up that may leave deferrable derivers behind, which marks them in db.local).
 */
export function derivedScope(
  db: GuanjiaDexie,
  tables: readonly TableName[],
  defer = false
): Table[] {
  const used = derivers.filter((d) => d.sources.some((s) => tables.includes(s)));
  const scope = used.flatMap((d) => d.scope(db));
  if (defer && used.some((d) => d.deferrable)) scope.push(db.local);
  return scope;
}

/** Build what large catch-ups left behind (after the catch-up; each in its own transaction). */
export async function rebuildDeferred(db: GuanjiaDexie): Promise<void> {
  for (const d of derivers) if (d.deferrable) await d.deferrable.rebuild(db);
}

/** Whether a commit of these tables has derived data to keep (else skip the work). */
const derivedSources = new Set<TableName>(derivers.flatMap((d) => d.sources));
export const hasDerived = (tables: Iterable<TableName>): boolean =>
  [...tables].some((t) => derivedSources.has(t));

/**
 * Update every derived table whose sources changed (inside the commit's transaction).
 * Rows in `commit.gone` are passed to the derivers as deleted rows.
 */
export async function updateDerived(
  db: GuanjiaDexie,
  changed: ReadonlyMap<TableName, StoredRow[]>,
  commit: DerivedCommit = {}
): Promise<void> {
  let all = changed;
  if (commit.gone?.size) {
    const merged = new Map(changed);
    for (const [table, rows] of commit.gone)
      merged.set(table, [
        ...(merged.get(table) ?? []),
        ...rows.map((r): StoredRow => ({ ...r, deleted: true }))
      ]);
    all = merged;
  }
  for (const d of derivers) {
    if (!d.sources.some((s) => all.has(s))) continue;
    if (commit.defer && d.deferrable) await d.deferrable.behind(db);
    await d.update(db, all, commit);
  }
}
