import {
  agingBucket,
  unitLedger,
  type AgingBucket,
  type LedgerAdjustment,
  type LedgerBill,
  type LedgerInput,
  type LedgerPayment,
  type UnitArrears,
  type UnitLedger
} from './ledger';

/**
 * A unit's balance: derived from its bills, adjustments and payments and kept beside them
 * (lib/db/derived.ts keeps it in the commit that changes them), so that the arrears list and
 * the collection rate read one small row per unit instead of every bill of the office. Pure:
 * the row is a function of the unit's live records, whatever order they arrived in.
 *
 * Bills, adjustments and payments never move to another unit (their unitId is set when they
 * are made and no action changes it), so a changed record only touches its own unit's row.
 */

/** [id, itemId ('' for none), dueDate, periodStart, amountFen] */
type BillEntry = [string, string, string, string, number];
/** [id, billId, amountFen] */
type AdjustmentEntry = [string, string, number];
/** [id, amountFen, at]: payments not reversed. */
type PaymentEntry = [string, number, number];

/** The unit's live records in short form (JSON in the row: cheap to read when not needed). */
interface BalanceInputs {
  b: BillEntry[];
  a: AdjustmentEntry[];
  p: PaymentEntry[];
}

/** A unit's records in short form, kept per unit (read when they change, and by the rate). */
export interface FeeLedgerRow {
  unitId: string;
  buildingId: string;
  communityId: string;
  /** BalanceInputs as JSON: a string is cheap to store and read while nobody looks inside. */
  inputs: string;
}

/** A unit's figures: what the arrears list needs of it on any day. */
export interface UnitBalance {
  unitId: string;
  buildingId: string;
  communityId: string;
  chargedFen: number;
  paidFen: number;
  openFen: number;
  creditFen: number;
  /** The bills still open, oldest first (the ledger's order): due dates and open amounts. */
  openDue: string[];
  openAmount: number[];
}

/**
 * The balances of a building's units in one row, in columns: the arrears list of a large
 * office reads a row per building (tens), not per unit (thousands) — IndexedDB charges per
 * record — and typed columns are copied whole instead of value by value (5,000 units' figures
 * read in about a millisecond). Amounts are integer fen held in Float64Array, which holds
 * every integer up to 2^53 exactly, as any JS number does.
 */
export interface FeeBalance {
  buildingId: string;
  communityId: string;
  unitIds: string[];
  communityIds: string[];
  chargedFen: Float64Array;
  paidFen: Float64Array;
  openFen: Float64Array;
  creditFen: Float64Array;
  /** The due dates the open bills name. */
  dues: string[];
  /** The open bills of every unit, each unit's oldest first: unit index, due index, amount. */
  lineUnit: Uint32Array;
  lineDue: Uint32Array;
  lineAmount: Float64Array;
}

/** A building row as its units' figures. */
export function unitsOf(row: FeeBalance): Map<string, UnitBalance> {
  const out = new Map<string, UnitBalance>();
  const list = row.unitIds.map((unitId, i) => {
    const unit: UnitBalance = {
      unitId,
      buildingId: row.buildingId,
      communityId: row.communityIds[i],
      chargedFen: row.chargedFen[i],
      paidFen: row.paidFen[i],
      openFen: row.openFen[i],
      creditFen: row.creditFen[i],
      openDue: [],
      openAmount: []
    };
    out.set(unitId, unit);
    return unit;
  });
  for (let l = 0; l < row.lineUnit.length; l++) {
    const unit = list[row.lineUnit[l]];
    unit.openDue.push(row.dues[row.lineDue[l]]);
    unit.openAmount.push(row.lineAmount[l]);
  }
  return out;
}

/** The building row of these units' figures. */
export function buildingRow(buildingId: string, units: Iterable<UnitBalance>): FeeBalance {
  const list = [...units];
  const dues: string[] = [];
  const dueIndex = new Map<string, number>();
  const lineUnit: number[] = [];
  const lineDue: number[] = [];
  const lineAmount: number[] = [];
  list.forEach((u, i) => {
    u.openDue.forEach((due, k) => {
      let d = dueIndex.get(due);
      if (d === undefined) {
        d = dues.push(due) - 1;
        dueIndex.set(due, d);
      }
      lineUnit.push(i);
      lineDue.push(d);
      lineAmount.push(u.openAmount[k]);
    });
  });
  return {
    buildingId,
    communityId: list.find((u) => u.communityId)?.communityId ?? '',
    unitIds: list.map((u) => u.unitId),
    communityIds: list.map((u) => u.communityId),
    chargedFen: Float64Array.from(list, (u) => u.chargedFen),
    paidFen: Float64Array.from(list, (u) => u.paidFen),
    openFen: Float64Array.from(list, (u) => u.openFen),
    creditFen: Float64Array.from(list, (u) => u.creditFen),
    dues,
    lineUnit: Uint32Array.from(lineUnit),
    lineDue: Uint32Array.from(lineDue),
    lineAmount: Float64Array.from(lineAmount)
  };
}

/** A changed bill, adjustment or payment as stored (clock fields are not read). */
export interface BalanceChanges {
  bills?: readonly Record<string, unknown>[];
  adjustments?: readonly Record<string, unknown>[];
  payments?: readonly Record<string, unknown>[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Replace the entry with `id` (or drop it when `next` is undefined). */
function upsert<T extends [string, ...unknown[]]>(list: T[], id: string, next: T | undefined) {
  const i = list.findIndex((e) => e[0] === id);
  if (i >= 0) {
    if (next) list[i] = next;
    else list.splice(i, 1);
  } else if (next) list.push(next);
}

/**
 * The units' new ledgers and figures after these records changed (each record as it is
 * stored now, deleted or reversed ones included: they leave the balance). `previous` holds
 * the stored ledger rows of the units concerned (undefined: none yet).
 */
export function updateBalances(
  previous: ReadonlyMap<string, FeeLedgerRow | undefined>,
  changes: BalanceChanges
): Map<string, { ledger: FeeLedgerRow; balance: UnitBalance }> {
  const work = new Map<string, { row: FeeLedgerRow; inputs: BalanceInputs }>();
  const open = (rec: Record<string, unknown>) => {
    const unitId = str(rec.unitId);
    let w = work.get(unitId);
    if (!w) {
      const prev = previous.get(unitId);
      const inputs: BalanceInputs = prev?.inputs
        ? (JSON.parse(prev.inputs) as BalanceInputs)
        : { b: [], a: [], p: [] };
      w = {
        row: prev ? { ...prev } : { unitId, buildingId: '', communityId: '', inputs: '' },
        inputs
      };
      work.set(unitId, w);
    }
    // The unit's place comes from its bills and payments (the registry is not read here).
    if (!w.row.buildingId && rec.buildingId) w.row.buildingId = str(rec.buildingId);
    if (!w.row.communityId && rec.communityId) w.row.communityId = str(rec.communityId);
    return w.inputs;
  };
  for (const r of changes.bills ?? [])
    upsert(
      open(r).b,
      str(r.id),
      r.deleted === true
        ? undefined
        : [str(r.id), str(r.itemId), str(r.dueDate), str(r.periodStart), num(r.amountFen)]
    );
  for (const r of changes.adjustments ?? [])
    upsert(
      open(r).a,
      str(r.id),
      r.deleted === true ? undefined : [str(r.id), str(r.billId), num(r.amountFen)]
    );
  for (const r of changes.payments ?? [])
    upsert(
      open(r).p,
      str(r.id),
      r.deleted === true || r.reversal ? undefined : [str(r.id), num(r.amountFen), num(r.at)]
    );
  const out = new Map<string, { ledger: FeeLedgerRow; balance: UnitBalance }>();
  for (const [unitId, { row, inputs }] of work)
    out.set(unitId, {
      ledger: { ...row, inputs: JSON.stringify(inputs) },
      balance: summarise(row, inputs)
    });
  return out;
}

/** The building rows after some of their units' figures changed (`previous`: stored rows). */
export function placeBalances(
  previous: ReadonlyMap<string, FeeBalance | undefined>,
  balances: Iterable<UnitBalance>
): Map<string, FeeBalance> {
  const units = new Map<string, Map<string, UnitBalance>>();
  for (const unit of balances) {
    let of = units.get(unit.buildingId);
    if (!of) {
      const prev = previous.get(unit.buildingId);
      units.set(unit.buildingId, (of = prev ? unitsOf(prev) : new Map()));
    }
    of.set(unit.unitId, unit);
  }
  const out = new Map<string, FeeBalance>();
  for (const [buildingId, of] of units) out.set(buildingId, buildingRow(buildingId, of.values()));
  return out;
}

function summarise(row: FeeLedgerRow, inputs: BalanceInputs): UnitBalance {
  const { bills, adjustments, payments } = expand(row, inputs);
  const ledger = unitLedger(row.unitId, bills, adjustments, payments);
  const openDue: string[] = [];
  const openAmount: number[] = [];
  for (const line of ledger.lines)
    if (line.openFen > 0) {
      openDue.push(line.bill.dueDate);
      openAmount.push(line.openFen);
    }
  return {
    unitId: row.unitId,
    buildingId: row.buildingId,
    communityId: row.communityId,
    chargedFen: ledger.chargedFen,
    paidFen: ledger.paidFen,
    openFen: ledger.openFen,
    creditFen: ledger.creditFen,
    openDue,
    openAmount
  };
}

function expand(row: FeeLedgerRow, inputs: BalanceInputs) {
  const { unitId, buildingId, communityId } = row;
  const bills: LedgerBill[] = inputs.b.map(([id, itemId, dueDate, periodStart, amountFen]) => ({
    id,
    unitId,
    buildingId,
    communityId,
    ...(itemId ? { itemId } : {}),
    dueDate,
    periodStart,
    amountFen
  }));
  const adjustments: (LedgerAdjustment & { unitId: string })[] = inputs.a.map(
    ([, billId, amountFen]) => ({ billId, unitId, amountFen })
  );
  const payments: LedgerPayment[] = inputs.p.map(([, amountFen, at]) => ({
    unitId,
    amountFen,
    at
  }));
  return { bills, adjustments, payments };
}

/** One unit's ledger from its short-form row (as unitLedger on its records). */
export function rowLedger(row: FeeLedgerRow): UnitLedger {
  const e = expand(
    row,
    row.inputs ? (JSON.parse(row.inputs) as BalanceInputs) : { b: [], a: [], p: [] }
  );
  return unitLedger(row.unitId, e.bills, e.adjustments, e.payments);
}

/** The ledger input of these units (the collection rate's, with paidUpTo) from their balances. */
export function balanceLedgerInput(rows: readonly FeeLedgerRow[]): LedgerInput {
  const bills: LedgerBill[] = [];
  const adjustments: (LedgerAdjustment & { unitId: string })[] = [];
  const payments: LedgerPayment[] = [];
  for (const row of rows) {
    if (!row.inputs) continue;
    const e = expand(row, JSON.parse(row.inputs) as BalanceInputs);
    bills.push(...e.bills);
    adjustments.push(...e.adjustments);
    payments.push(...e.payments);
  }
  return { bills, adjustments, payments };
}

/** agingBucket on `today`, worked out once per due date (a list meets the same few dates). */
export function agingOn(today: string): (dueDate: string) => AgingBucket | undefined {
  const known = new Map<string, AgingBucket | undefined>();
  return (dueDate) => {
    if (known.has(dueDate)) return known.get(dueDate);
    const bucket = agingBucket(dueDate, today);
    known.set(dueDate, bucket);
    return bucket;
  };
}

/**
 * The overdue debts by age on `today` of a building's units, read from the row's columns
 * (no unit objects made for units that owe nothing overdue).
 */
export function buildingArrears(
  row: FeeBalance,
  today: string,
  aging: (dueDate: string) => AgingBucket | undefined = agingOn(today)
): UnitArrears[] {
  const dueBucket = row.dues.map(aging);
  const out: UnitArrears[] = [];
  let current: UnitArrears | undefined;
  let currentIndex = -1;
  for (let l = 0; l < row.lineUnit.length; l++) {
    const bucket = dueBucket[row.lineDue[l]];
    if (!bucket) continue;
    const i = row.lineUnit[l];
    if (i !== currentIndex) {
      currentIndex = i;
      current = {
        unitId: row.unitIds[i],
        buildingId: row.buildingId,
        communityId: row.communityIds[i],
        buckets: { m1to3: 0, m3to6: 0, m6to12: 0, over12: 0 },
        overdueFen: 0,
        openFen: row.openFen[i],
        creditFen: row.creditFen[i],
        // Lines are each unit's oldest first: the first overdue line is the oldest.
        oldestDue: row.dues[row.lineDue[l]]
      };
      out.push(current);
    }
    if (!current) continue;
    current.buckets[bucket] += row.lineAmount[l];
    current.overdueFen += row.lineAmount[l];
  }
  return out;
}

/**
 * A unit's overdue debt by age on `today` from its balance; undefined when nothing is
 * overdue. The same figures as unitArrears(unitLedger(…)) on the unit's records.
 */
export function balanceArrears(
  row: UnitBalance,
  today: string,
  aging: (dueDate: string) => AgingBucket | undefined = (d) => agingBucket(d, today)
): UnitArrears | undefined {
  if (row.openFen <= 0) return undefined;
  const buckets: Record<AgingBucket, number> = { m1to3: 0, m3to6: 0, m6to12: 0, over12: 0 };
  let overdue = 0;
  let oldestDue = '';
  for (let i = 0; i < row.openDue.length; i++) {
    const bucket = aging(row.openDue[i]);
    if (!bucket) continue;
    buckets[bucket] += row.openAmount[i];
    overdue += row.openAmount[i];
    if (!oldestDue) oldestDue = row.openDue[i];
  }
  if (!overdue) return undefined;
  return {
    unitId: row.unitId,
    buildingId: row.buildingId,
    communityId: row.communityId,
    buckets,
    overdueFen: overdue,
    openFen: row.openFen,
    creditFen: row.creditFen,
    oldestDue
  };
}
