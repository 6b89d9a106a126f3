import type { GuanjiaDexie } from './database';

/**
 * The device-local flags saying a derived table has been built from the record tables once
 * (`ensureTicketIndex`, `ensureFeeBalances`, `ensureVisitHistory` in db/actions). Since the
 * commit road those tables are kept by every commit; the flags only matter for a database
 * whose rows were stored before that.
 */
export const derivedBuilt = {
  // Version 2: stored by week recorded (ticket-index-store.ts), built again from the tables.
  ticketIndex: 'ticketIndex.built.2',
  feeBalance: 'feeBalance.built',
  // Version 2: the packed rows (the first build, kept for minutes on main, stored arrays).
  visitHistory: 'visitHistory.built.2'
} as const;

/**
 * On a database that holds nothing yet (no sync state: nothing was ever written, received or
 * restored, each of which starts one), every derived table is trivially built: set the flags in
 * one transaction and say so, so a new tablet's first screen does not load the builders (their
 * domain code, record schemas and the holiday calendar: ten requests and their script work,
 * Lighthouse, issue 20). Otherwise false: the caller runs the `ensure…` builders.
 */
export async function markDerivedBuiltIfEmpty(db: GuanjiaDexie): Promise<boolean> {
  return db.transaction('rw', db.meta, db.local, async () => {
    if (await db.meta.get('sync')) return false;
    await db.local.bulkPut(Object.values(derivedBuilt).map((key) => ({ key, value: true })));
    return true;
  });
}
