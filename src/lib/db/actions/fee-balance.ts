import type { StoredRow } from '$lib/oplog/format';
import type { TableName } from '$lib/domain/tables';
import {
  placeBalances,
  updateBalances,
  type FeeBalance,
  type FeeLedgerRow
} from '$lib/domain/fees/balance';
import { database, type GuanjiaDexie } from '../database';
import { derivedBuilt } from '../derived-built';

/**
 * The fee balances (domain/fees/balance.ts), derived tables kept by the commit road
 * (derived.ts) for local writes and received batches alike: `feeLedger`, each unit's records
 * in short form (the collection rate reads it instead of every bill), and `feeBalance`, the
 * figures of a building's units in one row (the arrears list reads tens of rows, not 60,000
 * bills). Issue 18's arrears target.
 */

/** The record tables a balance is derived from. */
export const feeBalanceSources = [
  'bill',
  'billAdjustment',
  'payment'
] as const satisfies readonly TableName[];

const BUILT = derivedBuilt.feeBalance;
/** Below this many units a commit reads their rows directly; above it, checks keys first. */
const MIN_KEYS = 256;

/** The stored ledger rows of these units (`undefined` where none is stored yet). */
async function storedLedgers(
  db: GuanjiaDexie,
  units: string[]
): Promise<Map<string, FeeLedgerRow | undefined>> {
  const out = new Map<string, FeeLedgerRow | undefined>(units.map((u) => [u, undefined]));
  let wanted = units;
  // A bill run over a new year makes rows for thousands of units at once: one count (and at
  // most one read of the keys) instead of a read per unit that mostly finds nothing.
  if (units.length >= MIN_KEYS) {
    const count = await db.feeLedger.count();
    if (count === 0) wanted = [];
    else if (count <= 10 * units.length) {
      const held = new Set(await db.feeLedger.toCollection().primaryKeys());
      wanted = units.filter((u) => held.has(u));
    }
  }
  if (wanted.length) {
    const rows = await db.feeLedger.bulkGet(wanted);
    wanted.forEach((u, i) => out.set(u, rows[i]));
  }
  return out;
}

/** Inside the commit's transaction: the ledgers and balances of the units whose records changed. */
export async function updateFeeBalances(
  db: GuanjiaDexie,
  changed: ReadonlyMap<TableName, StoredRow[]>
): Promise<number> {
  const bills = changed.get('bill');
  const adjustments = changed.get('billAdjustment');
  const payments = changed.get('payment');
  const units = new Set<string>();
  for (const list of [bills, adjustments, payments])
    for (const row of list ?? []) if (typeof row.unitId === 'string') units.add(row.unitId);
  if (!units.size) return 0;
  const next = updateBalances(await storedLedgers(db, [...units]), {
    bills,
    adjustments,
    payments
  });
  const ledgers = [...next.values()];
  const buildingIds = [...new Set(ledgers.map((n) => n.balance.buildingId))];
  const stored = await db.feeBalance.bulkGet(buildingIds);
  const buildings = placeBalances(
    new Map(buildingIds.map((b, i) => [b, stored[i]])),
    ledgers.map((n) => n.balance)
  );
  await db.feeLedger.bulkPut(ledgers.map((n) => n.ledger));
  await db.feeBalance.bulkPut([...buildings.values()]);
  return next.size;
}

/** Every unit's ledger and balance from scratch (a database from before the commit road kept them). */
export async function rebuildFeeBalances(db: GuanjiaDexie = database()): Promise<number> {
  return db.transaction(
    'rw',
    [db.bill, db.billAdjustment, db.payment, db.feeLedger, db.feeBalance, db.local],
    async () => {
      const [bills, adjustments, payments] = await Promise.all([
        db.bill.toArray(),
        db.billAdjustment.toArray(),
        db.payment.toArray()
      ]);
      const next = [...updateBalances(new Map(), { bills, adjustments, payments }).values()];
      const buildings = placeBalances(
        new Map(),
        next.map((n) => n.balance)
      );
      await db.feeLedger.clear();
      await db.feeBalance.clear();
      await db.feeLedger.bulkPut(next.map((n) => n.ledger));
      await db.feeBalance.bulkPut([...buildings.values()]);
      await db.local.put({ key: BUILT, value: true });
      return next.length;
    }
  );
}

/**
 * Build the balances once on a database whose fee records were stored before the commit
 * road kept them (called by the staff layout, like the request index). Afterwards one read.
 */
export async function ensureFeeBalances(db: GuanjiaDexie = database()): Promise<boolean> {
  if (await db.local.get(BUILT)) return false;
  const [bills, payments] = await Promise.all([db.bill.count(), db.payment.count()]);
  if (bills === 0 && payments === 0) {
    await db.local.put({ key: BUILT, value: true });
    return false;
  }
  await rebuildFeeBalances(db);
  return true;
}

/**
 * The stored ledgers and building balances, read-only (live queries may not write): until
 * ensureFeeBalances has built them on an older database, worked out from every record.
 */
export async function readFeeBalances(
  db: GuanjiaDexie,
  buildingId?: string
): Promise<{ ledgers?: FeeLedgerRow[]; balances: FeeBalance[] }> {
  if (await db.local.get(BUILT))
    return {
      balances: buildingId
        ? await db.feeBalance.where('buildingId').equals(buildingId).toArray()
        : await db.feeBalance.toArray()
    };
  const [bills, adjustments, payments] = await Promise.all([
    db.bill.toArray(),
    db.billAdjustment.toArray(),
    db.payment.toArray()
  ]);
  const next = [...updateBalances(new Map(), { bills, adjustments, payments }).values()];
  const balances = [
    ...placeBalances(
      new Map(),
      next.map((n) => n.balance)
    ).values()
  ];
  return {
    ledgers: next.map((n) => n.ledger),
    balances: buildingId ? balances.filter((b) => b.buildingId === buildingId) : balances
  };
}

/** Every unit's ledger (short form), read-only like readFeeBalances. */
export async function readFeeLedgers(db: GuanjiaDexie): Promise<FeeLedgerRow[]> {
  if (await db.local.get(BUILT)) return db.feeLedger.toArray();
  return (await readFeeBalances(db)).ledgers ?? [];
}

/** These units' ledgers (short form), read-only like readFeeBalances; units without one left out. */
export async function readUnitLedgers(
  db: GuanjiaDexie,
  unitIds: readonly string[]
): Promise<FeeLedgerRow[]> {
  if (await db.local.get(BUILT))
    return (await db.feeLedger.bulkGet([...unitIds])).filter((r): r is FeeLedgerRow => !!r);
  const wanted = new Set(unitIds);
  return ((await readFeeBalances(db)).ledgers ?? []).filter((r) => wanted.has(r.unitId));
}
