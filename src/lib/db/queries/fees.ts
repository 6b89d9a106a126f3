import { withoutClocks, type StoredRow } from '$lib/domain/ops';
import type { Bill } from '$lib/domain/records/bill';
import type { BillAdjustment } from '$lib/domain/records/bill-adjustment';
import type { FeeContact } from '$lib/domain/records/fee-contact';
import type { FeeItem } from '$lib/domain/records/fee-item';
import type { FeeRate } from '$lib/domain/records/fee-rate';
import { isCurrent, type Occupancy } from '$lib/domain/records/occupancy';
import type { Payment } from '$lib/domain/records/payment';
import { specialCareKinds, type Person, type SpecialCare } from '$lib/domain/records/person';
import { unitCode, type Unit } from '$lib/domain/records/unit';
import { agingOn, balanceLedgerInput, buildingArrears } from '$lib/domain/fees/balance';
import {
  arrearsByBuilding,
  ledgers,
  unitLedger,
  type BuildingArrears,
  type LedgerInput,
  type UnitArrears,
  type UnitLedger
} from '$lib/domain/fees/ledger';
import {
  collectionFromLedgers,
  type Collection,
  type CollectionGroup,
  type CollectionRange
} from '$lib/domain/fees/collection';
import { database, type GuanjiaDexie } from '../database';
import { readFeeBalances, readFeeLedgers } from '../actions/fee-balance';

const live = (rows: StoredRow[]) => rows.filter((r) => !r.deleted);

export async function listFeeItems(db: GuanjiaDexie = database()): Promise<FeeItem[]> {
  const rows = await db.feeItem.toArray();
  return live(rows)
    .map((r) => withoutClocks(r) as FeeItem)
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.name.localeCompare(b.name));
}

export async function listFeeRates(db: GuanjiaDexie = database()): Promise<FeeRate[]> {
  const rows = await db.feeRate.toArray();
  return live(rows)
    .map((r) => withoutClocks(r) as FeeRate)
    .sort((a, b) => a.from.localeCompare(b.from));
}

/**
 * The office's bills, adjustments and payments as the ledger reads them, from the per-unit
 * balances the commit road keeps (fee-balance.ts): one row per unit, not every bill.
 */
export async function ledgerInput(db: GuanjiaDexie = database()): Promise<LedgerInput> {
  return balanceLedgerInput(await readFeeLedgers(db));
}

/** Who a reminder goes to: the unit's current owner (or tenant, or company contact). */
export interface Payer {
  name: string;
  phone?: string;
  specialCare: SpecialCare[];
}

export interface ArrearsRow extends UnitArrears {
  code: string;
  buildingCode: string;
  payer?: Payer;
  /** The last reminder or call, newest first. */
  lastContact?: FeeContact;
}

export interface ArrearsList {
  /** The page of rows asked for (all when no page was given). */
  rows: ArrearsRow[];
  /** Units in arrears and what they owe overdue, all of them. */
  count: number;
  overdueFen: number;
  buildings: (BuildingArrears & { code: string })[];
}

const payerOrder = { owner: 0, tenant: 1, companyContact: 2, family: 3 } as const;

/** The payer of each unit, read only for the given units (a page of the list). */
async function payersOf(
  unitIds: string[],
  today: string,
  db: GuanjiaDexie
): Promise<Map<string, Payer>> {
  // One indexed read per unit, side by side: Dexie's anyOf walks a cursor key by key.
  const rows = (
    await Promise.all(unitIds.map((id) => db.occupancy.where('unitId').equals(id).toArray()))
  ).flat();
  const occ = (live(rows) as unknown as Occupancy[])
    .filter((o) => isCurrent(o, today))
    .sort((a, b) => payerOrder[a.role] - payerOrder[b.role]);
  const people = await db.person.bulkGet([...new Set(occ.map((o) => o.personId))]);
  const byId = new Map(
    people.filter((p): p is StoredRow => !!p && !p.deleted).map((p) => [p.id, p])
  );
  const out = new Map<string, Payer>();
  for (const o of occ) {
    if (out.has(o.unitId)) continue;
    const p = byId.get(o.personId) as unknown as Person | undefined;
    if (!p) continue;
    out.set(o.unitId, { name: p.name, phone: p.phones[0], specialCare: p.specialCare ?? [] });
  }
  return out;
}

/** Units that a special-care person (002) currently lives in: read through the person index. */
async function careUnits(today: string, db: GuanjiaDexie): Promise<Set<string>> {
  const people = live(
    await db.person
      .where('specialCare')
      .anyOf([...specialCareKinds])
      .toArray()
  );
  const roles = (
    await Promise.all(
      [...new Set(people.map((p) => p.id))].map((id) =>
        db.occupancy.where('personId').equals(id).toArray()
      )
    )
  ).flat();
  return new Set(
    (live(roles) as unknown as Occupancy[]).filter((o) => isCurrent(o, today)).map((o) => o.unitId)
  );
}

export interface ArrearsOptions {
  /** Only units whose payer is a special-care household. */
  careOnly?: boolean;
  /** How many rows (oldest debts first) get their code, payer and last reminder: the page shown. */
  page?: number;
}

/**
 * The arrears list (issue 18 §4): every unit with something overdue on `today`, by age, and the
 * same summed per building, from the balances the commit road keeps (fee-balance.ts). Oldest
 * debts first; the first `page` rows carry their unit code, payer and last reminder (a screen
 * shows a page at a time: reading 5,000 payers would cost more than the whole list).
 */
export async function arrearsList(
  today: string,
  filter: { communityId?: string; buildingId?: string } = {},
  db: GuanjiaDexie = database(),
  options: ArrearsOptions = {}
): Promise<ArrearsList> {
  const [{ balances }, buildingRows, care] = await Promise.all([
    readFeeBalances(db, filter.buildingId),
    db.building.toArray(),
    options.careOnly ? careUnits(today, db) : undefined
  ]);
  let list: UnitArrears[] = [];
  const aging = agingOn(today);
  for (const building of balances)
    for (const a of buildingArrears(building, today, aging))
      if (
        (!filter.communityId || a.communityId === filter.communityId) &&
        (!care || care.has(a.unitId))
      )
        list.push(a);
  // ISO dates compare as strings; localeCompare (a collator call each) cost more than the
  // rest of the list for 5,000 units.
  list.sort(
    (a, b) =>
      (a.oldestDue < b.oldestDue ? -1 : a.oldestDue > b.oldestDue ? 1 : 0) ||
      b.overdueFen - a.overdueFen
  );
  if (care) {
    // A special-care resident who is not the payer (a family member) does not flag the unit.
    const payers = await payersOf(
      list.map((a) => a.unitId),
      today,
      db
    );
    list = list.filter((a) => (payers.get(a.unitId)?.specialCare.length ?? 0) > 0);
  }
  const codes = new Map(buildingRows.map((b) => [b.id, String(b.code)]));
  const page = list.slice(0, options.page ?? list.length);
  const ids = page.map((a) => a.unitId);
  const [unitRows, payers, contacts] = await Promise.all([
    db.unit.bulkGet(ids),
    payersOf(ids, today, db),
    // The page's units' reminders only: the table grows with every reminder of every year.
    ids.length ? db.feeContact.where('unitId').anyOf(ids).toArray() : []
  ]);
  const units = new Map(
    unitRows.filter((u): u is StoredRow => !!u).map((u) => [u.id, u as unknown as Unit])
  );
  const last = new Map<string, FeeContact>();
  for (const c of contacts as unknown as FeeContact[])
    if (!c.deleted && (last.get(c.unitId)?.at ?? -1) < c.at) last.set(c.unitId, c);
  const rows: ArrearsRow[] = page.map((a) => {
    const unit = units.get(a.unitId);
    const buildingCode = codes.get(a.buildingId) ?? '';
    return {
      ...a,
      buildingCode,
      code: unit ? unitCode(buildingCode, unit) : a.unitId,
      payer: payers.get(a.unitId),
      lastContact: last.get(a.unitId)
    };
  });
  const buildings = arrearsByBuilding(list)
    .map((b) => ({ ...b, code: codes.get(b.buildingId) ?? '' }))
    .sort((a, b) => b.overdueFen - a.overdueFen);
  return {
    rows,
    count: list.length,
    overdueFen: list.reduce((s, a) => s + a.overdueFen, 0),
    buildings
  };
}

export interface UnitAccount {
  ledger: UnitLedger;
  bills: Bill[];
  adjustments: BillAdjustment[];
  payments: Payment[];
  contacts: FeeContact[];
}

/** One unit's account: bills with what is paid of each, payments, adjustments and reminders. */
export async function unitAccount(
  unitId: string,
  db: GuanjiaDexie = database()
): Promise<UnitAccount> {
  const [bills, adjustments, payments, contacts] = await Promise.all([
    db.bill.where('unitId').equals(unitId).toArray(),
    db.billAdjustment.where('unitId').equals(unitId).toArray(),
    db.payment.where('unitId').equals(unitId).toArray(),
    db.feeContact.where('unitId').equals(unitId).toArray()
  ]);
  const clean = <T>(rows: StoredRow[]) => live(rows).map((r) => withoutClocks(r) as T);
  const b = clean<Bill>(bills);
  const a = clean<BillAdjustment>(adjustments);
  const p = clean<Payment>(payments).sort((x, y) => y.at - x.at);
  return {
    ledger: unitLedger(unitId, b, a, p),
    bills: b,
    adjustments: a.sort((x, y) => y.at - x.at),
    payments: p,
    contacts: clean<FeeContact>(contacts).sort((x, y) => y.at - x.at)
  };
}

/** Unit code ("3-2-1201") → unit id, for the desk's lookup box and the opening-balance sheet. */
export async function unitCodes(
  communityId?: string,
  db: GuanjiaDexie = database()
): Promise<Map<string, string>> {
  const [buildings, units] = await Promise.all([
    db.building.toArray(),
    communityId ? db.unit.where('communityId').equals(communityId).toArray() : db.unit.toArray()
  ]);
  const codes = new Map(buildings.map((b) => [b.id, String(b.code)]));
  const out = new Map<string, string>();
  for (const u of live(units))
    out.set(unitCode(codes.get(String(u.buildingId)) ?? '', u as unknown as Unit), u.id);
  return out;
}

export interface FeeUnit {
  unit: Unit;
  code: string;
  communityName: string;
  payer?: Payer;
}

/** The unit an account page is about: its code, community and payer. */
export async function feeUnit(
  unitId: string,
  today: string,
  db: GuanjiaDexie = database()
): Promise<FeeUnit | undefined> {
  const row = await db.unit.get(unitId);
  if (!row || row.deleted) return undefined;
  const unit = withoutClocks(row) as Unit;
  const [building, community, payers] = await Promise.all([
    db.building.get(unit.buildingId),
    db.community.get(unit.communityId),
    payersOf([unitId], today, db)
  ]);
  return {
    unit,
    code: unitCode(String(building?.code ?? ''), unit),
    communityName: String(community?.name ?? ''),
    payer: payers.get(unitId)
  };
}

export async function getPayment(
  id: string,
  db: GuanjiaDexie = database()
): Promise<Payment | undefined> {
  const row = await db.payment.get(id);
  return row && !row.deleted ? (withoutClocks(row) as Payment) : undefined;
}

export interface CollectionReport {
  rows: (Collection & { label: string })[];
  total: Collection;
}

/**
 * The collection-rate report (issue 18 §5): receivable and collected of the bills due in the
 * range, per month, building or fee item, and for the whole range. Labels are building codes
 * and item names; months stay "2026-03" for the page to format.
 */
export async function collectionReport(
  range: CollectionRange,
  group: Exclude<CollectionGroup, 'all' | 'community'>,
  db: GuanjiaDexie = database()
): Promise<CollectionReport> {
  const [input, buildings, items] = await Promise.all([
    ledgerInput(db),
    db.building.toArray(),
    db.feeItem.toArray()
  ]);
  const units = ledgers(input, range.paidUpTo);
  const names = new Map<string, string>(
    group === 'building'
      ? buildings.map((b) => [b.id, String(b.code)])
      : items.map((i) => [i.id, String(i.name)])
  );
  const [total] = collectionFromLedgers(units, range, 'all');
  return {
    rows: collectionFromLedgers(units, range, group).map((r) => ({
      ...r,
      label: group === 'month' ? r.key : (names.get(r.key) ?? r.key)
    })),
    total: total ?? { key: 'all', receivableFen: 0, collectedFen: 0, ratio: null }
  };
}

/** A paid-service request's bill (actions/fees.ts billService), if it has been billed. */
export async function serviceBill(
  ticketId: string,
  db: GuanjiaDexie = database()
): Promise<Bill | undefined> {
  const row = await db.bill.get(`service~${ticketId}`);
  return row && !row.deleted ? (withoutClocks(row) as Bill) : undefined;
}
