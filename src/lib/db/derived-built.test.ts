import { describe, expect, it } from 'vitest';
import { derivedBuilt, markDerivedBuiltIfEmpty } from './derived-built';
import { testDatabase } from './test-db';
import { ensureFeeBalances } from './actions/fee-balance';
import { ensureTicketIndex } from './actions/tickets-index';
import { ensureVisitHistory } from './actions/visit-history';
import { feeOffice, finance } from './actions/fees-fixture';
import { runBills } from './actions/fees';

describe('markDerivedBuiltIfEmpty', () => {
  it('marks every derived table built on a new database: the builders have nothing to do', async () => {
    const db = testDatabase();
    expect(await markDerivedBuiltIfEmpty(db)).toBe(true);
    for (const key of Object.values(derivedBuilt)) expect(await db.local.get(key)).toBeTruthy();
    expect(await ensureTicketIndex(db)).toBe(false);
    expect(await ensureFeeBalances(db)).toBe(false);
    expect(await ensureVisitHistory(db)).toBe(false);
  });

  it('leaves a database holding records to the builders', async () => {
    const db = testDatabase();
    await feeOffice(db, { now: 1 });
    await runBills(finance, { unitId: 'u1' }, '2026-01', '2026-02', { db, now: 10 });
    // As a database of a version before the commit road kept the balances: no flag.
    await db.local.delete(derivedBuilt.feeBalance);
    expect(await markDerivedBuiltIfEmpty(db)).toBe(false);
    expect(await db.local.get(derivedBuilt.feeBalance)).toBeUndefined();
    expect(await ensureFeeBalances(db)).toBe(true);
  });
});
