import type { Table } from 'dexie';
import type { StoredRow } from '$lib/oplog/format';
import type { TableName } from '$lib/domain/tables';
import type { GuanjiaDexie } from './database';
import { reindexTickets } from './actions/tickets-index';
import { feeBalanceSources, updateFeeBalances } from './actions/fee-balance';

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
  update(db: GuanjiaDexie, changed: ReadonlyMap<TableName, StoredRow[]>): Promise<unknown>;
}

const derivers: Deriver[] = [
  {
    // The request board's index (tickets-index.ts): one folded summary per request.
    sources: ['ticket', 'ticketEvent'],
    scope: (db) => [db.ticket, db.ticketEvent, db.ticketIndex],
    update(db, changed) {
      const ids = new Set<string>();
      for (const row of changed.get('ticket') ?? []) ids.add(row.id);
      for (const row of changed.get('ticketEvent') ?? [])
        if (typeof row.ticketId === 'string') ids.add(row.ticketId);
      return reindexTickets(db, [...ids]);
    }
  },
  {
    // The fees area's per-unit balances (fee-balance.ts): arrears list and collection rate.
    sources: feeBalanceSources,
    scope: (db) => [db.feeLedger, db.feeBalance],
    update: updateFeeBalances
  }
];

/** The tables a commit over `tables` must also hold to keep the derived data. */
export function derivedScope(db: GuanjiaDexie, tables: readonly TableName[]): Table[] {
  return derivers
    .filter((d) => d.sources.some((s) => tables.includes(s)))
    .flatMap((d) => d.scope(db));
}

/** Update every derived table whose sources changed (inside the commit's transaction). */
export async function updateDerived(
  db: GuanjiaDexie,
  changed: ReadonlyMap<TableName, StoredRow[]>
): Promise<void> {
  for (const d of derivers) if (d.sources.some((s) => changed.has(s))) await d.update(db, changed);
}
