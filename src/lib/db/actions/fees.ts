import { withoutClocks, type StoredRow } from '$lib/domain/ops';
import { adjustmentForm, type AdjustmentForm } from '$lib/domain/records/bill-adjustment';
import { chargeForm, type ChargeForm } from '$lib/domain/records/bill';
import { callForm, type CallForm, type FeeContactChannel } from '$lib/domain/records/fee-contact';
import { feeItemForm, type FeeItem, type FeeItemForm } from '$lib/domain/records/fee-item';
import type { FeeRate } from '$lib/domain/records/fee-rate';
import { paymentForm, reversalForm, type PaymentForm } from '$lib/domain/records/payment';
import { feeRateForm, type FeeRateForm } from '$lib/domain/fees/rate-form';
import { planBills, type BillUnit, type PlannedBill } from '$lib/domain/fees/generate';
import { openingBillId, type OpeningRow } from '$lib/domain/fees/opening';
import { planLateFees, type PlannedLateFee } from '$lib/domain/fees/late-fee';
import { rowLedger } from '$lib/domain/fees/balance';
import { parseYuan } from '$lib/domain/fees/money';
import { ticketDetail } from '../queries/tickets';
import { readUnitLedgers } from './fee-balance';
import { database, type GuanjiaDexie } from '../database';
import { parseForm } from '../form-error';
import { write, type Actor, type Change } from '../write';
import { WriteError } from '../write-error';

interface Options {
  db?: GuanjiaDexie;
  now?: number;
}

function refuse(message: string, path: (string | number)[] = []): never {
  throw new WriteError('invalid', [{ change: 0, path, message, code: 'custom' }]);
}

/** Add a fee item, or change one (its rates are records of their own: addFeeRate). */
export async function saveFeeItem(
  actor: Actor,
  form: FeeItemForm,
  id?: string,
  { db = database(), now }: Options = {}
): Promise<string> {
  const value = parseForm(feeItemForm, form);
  if (id) {
    await write(actor, [{ op: 'update', table: 'feeItem', id, patch: value }], { db, now });
    return id;
  }
  const [created] = await write(actor, [{ op: 'create', table: 'feeItem', value }], { db, now });
  return created;
}

/** A rate from a date on; earlier rates stay (the history of an item's rates, issue 18 §1). */
export async function addFeeRate(
  actor: Actor,
  itemId: string,
  form: FeeRateForm,
  { db = database(), now }: Options = {}
): Promise<string> {
  const value = parseForm(feeRateForm, form);
  const [id] = await write(
    actor,
    [
      {
        op: 'create',
        table: 'feeRate',
        value: { itemId, ...value, unitType: value.unitType || undefined, staffId: actor.staffId }
      }
    ],
    { db, now }
  );
  return id;
}

export interface RunScope {
  communityId?: string;
  buildingId?: string;
  unitId?: string;
}

/** The units of a scope (a community, a building or one unit), as the bill run needs them. */
async function unitsOf(scope: RunScope, db: GuanjiaDexie): Promise<BillUnit[]> {
  const rows = scope.unitId
    ? [await db.unit.get(scope.unitId)].filter((r): r is StoredRow => !!r)
    : scope.buildingId
      ? await db.unit.where('buildingId').equals(scope.buildingId).toArray()
      : scope.communityId
        ? await db.unit.where('communityId').equals(scope.communityId).toArray()
        : await db.unit.toArray();
  return rows
    .filter((r) => !r.deleted)
    .map((r) => ({
      id: r.id,
      buildingId: String(r.buildingId),
      communityId: String(r.communityId),
      type: r.type as BillUnit['type'],
      areaM2: Number(r.areaM2)
    }));
}

export interface RunPlan {
  planned: PlannedBill[];
  fresh: PlannedBill[];
  /** Late-fee bills the run makes on `today` (none unless an item has a late-fee rule). */
  lateFees: PlannedLateFee[];
}

/**
 * The bills a run would make, and how many of them exist already (the preview of a run).
 * With `today`, also the late fees (滞纳金) on the scope's stored bills that are overdue on
 * that day, for items with a late-fee rule; bills this run makes are not charged late fees
 * (they were not issued before).
 */
export async function planRun(
  actor: Actor,
  scope: RunScope,
  from: string,
  to: string,
  db: GuanjiaDexie = database(),
  today?: string
): Promise<RunPlan> {
  if (!/^\d{4}-\d{2}$/.test(from) || !/^\d{4}-\d{2}$/.test(to))
    refuse('validation.format', ['from']);
  if (to < from) refuse('fees.error.endBeforeStart', ['to']);
  const [itemRows, rates, units, ids] = await Promise.all([
    db.feeItem.toArray(),
    db.feeRate.toArray(),
    unitsOf(scope, db),
    // Keys only: a second run over a year of bills reads ids, not the bills.
    db.bill.toCollection().primaryKeys()
  ]);
  const items = itemRows.map((r) => withoutClocks(r) as FeeItem);
  const planned = planBills({
    items,
    rates: rates.map((r) => withoutClocks(r) as FeeRate),
    units,
    from,
    to,
    staffId: actor.staffId
  });
  const have = new Set(ids);
  const rules = new Map(items.filter((i) => !i.deleted && i.lateFee).map((i) => [i.id, i.lateFee]));
  let lateFees: PlannedLateFee[] = [];
  if (today && rules.size) {
    const ledgers = await readUnitLedgers(
      db,
      units.map((u) => u.id)
    );
    lateFees = planLateFees(
      ledgers.map((row) => ({
        unitId: row.unitId,
        buildingId: row.buildingId,
        communityId: row.communityId,
        ledger: rowLedger(row)
      })),
      (itemId) => rules.get(itemId),
      today,
      actor.staffId
    ).filter((b) => !have.has(b.id));
  }
  return { planned, fresh: planned.filter((b) => !have.has(b.id)), lateFees };
}

/**
 * Generate the bills of the scope for the months from..to (issue 18 §2). Idempotent: the bill
 * ids are made of item, unit and period, and those that exist are left alone (a bill is
 * never rewritten: corrections are adjustments), so running it twice adds nothing.
 */
export async function runBills(
  actor: Actor,
  scope: RunScope,
  from: string,
  to: string,
  {
    db = database(),
    now,
    onProgress,
    today
  }: Options & { onProgress?: (done: number, total: number) => void; today?: string } = {}
): Promise<{ created: number; existing: number; lateFees: number }> {
  const plan = await planRun(actor, scope, from, to, db, today);
  const { planned } = plan;
  const fresh: (PlannedBill | PlannedLateFee)[] = [...plan.fresh, ...plan.lateFees];
  // All of the run in one write (issue 18 target: the run ≤ 1.5 × a raw bulkPut of its
  // bills): one transaction and one op chunk, and the write path's presence check and the
  // balances (fee-balance.ts) learn the table's keys once instead of once per batch (the
  // sync engine splits a large chunk for the relay). Sorted by unit: each unit's balance is
  // worked out once.
  fresh.sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  if (fresh.length)
    await write(
      actor,
      fresh.map((value) => ({ op: 'create', table: 'bill', value })),
      { db, now }
    );
  onProgress?.(fresh.length, fresh.length);
  return {
    created: plan.fresh.length,
    existing: planned.length - plan.fresh.length,
    lateFees: plan.lateFees.length
  };
}

async function unitRow(unitId: string, db: GuanjiaDexie): Promise<StoredRow> {
  const unit = await db.unit.get(unitId);
  if (!unit || unit.deleted) refuse('fees.error.noUnit', ['unitId']);
  return unit;
}

/** A charge entered by hand for one unit: a one-off charge, a deposit, a paid service. */
export async function addCharge(
  actor: Actor,
  form: ChargeForm,
  { db = database(), now, ticketId }: Options & { ticketId?: string } = {}
): Promise<string> {
  const value = parseForm(chargeForm, form);
  const unit = await unitRow(value.unitId, db);
  const item = await db.feeItem.get(value.itemId);
  if (!item || item.deleted) refuse('validation.required', ['itemId']);
  const [id] = await write(
    actor,
    [
      {
        op: 'create',
        table: 'bill',
        value: {
          // A paid service is billed once per request, however often someone presses the button.
          id: ticketId ? serviceBillId(ticketId) : undefined,
          unitId: value.unitId,
          buildingId: String(unit.buildingId),
          communityId: String(unit.communityId),
          itemId: value.itemId,
          source: ticketId ? 'service' : 'charge',
          period: value.dueDate,
          periodStart: value.dueDate,
          periodEnd: value.dueDate,
          dueDate: value.dueDate,
          amountFen: value.amountFen,
          note: value.note,
          ticketId,
          staffId: actor.staffId
        }
      }
    ],
    { db, now }
  );
  return id;
}

/** A paid service's bill id: one bill per request, whoever bills it on whichever tablet. */
export function serviceBillId(ticketId: string): string {
  return `service~${ticketId}`;
}

/** Statuses of a paid service whose service is done (003 §3.12: then the customer pays). */
const serviced = new Set(['serviced', 'paid', 'handedOver', 'closed']);

/**
 * Bill a finished paid-service request (有偿服务, 003 §3.12) to its unit at the price of its
 * signed fee notice, due `today`: one tap at the request, one bill per request (a second tap,
 * or the same tap on another tablet, makes the same record and adds nothing). The office's
 * service fee item names it when it has one. Finance and the manager only (the write path
 * checks the role: bills are theirs).
 */
export async function billService(
  actor: Actor,
  ticketId: string,
  today: string,
  { db = database(), now }: Options = {}
): Promise<{ id: string; created: boolean }> {
  const detail = await ticketDetail(ticketId, db);
  if (!detail || detail.ticket.kind !== 'paidService') refuse('fees.error.notPaidService');
  const { ticket, summary } = detail;
  if (!ticket.unitId) refuse('fees.error.serviceNoUnit');
  if (!serviced.has(summary.status)) refuse('fees.error.serviceNotDone');
  // The fee notice's price is in yuan as the desk typed it: read as text, never × 100.
  const amountFen = summary.price === undefined ? undefined : parseYuan(String(summary.price));
  if (!amountFen) refuse('fees.error.serviceNoPrice');
  const id = serviceBillId(ticketId);
  const existing = await db.bill.get(id);
  if (existing && !existing.deleted) return { id, created: false };
  const unit = await unitRow(ticket.unitId, db);
  const items = (await db.feeItem.toArray()).filter(
    (i) => !i.deleted && i.kind === 'service' && i.active !== false
  );
  const item = items.find((i) => !i.communityId || i.communityId === unit.communityId);
  await write(
    actor,
    [
      {
        op: 'create',
        table: 'bill',
        value: {
          id,
          unitId: ticket.unitId,
          buildingId: String(unit.buildingId),
          communityId: String(unit.communityId),
          itemId: item?.id,
          source: 'service',
          period: today,
          periodStart: today,
          periodEnd: today,
          dueDate: today,
          amountFen,
          note: `${ticket.number} ${ticket.category || ticket.content}`.trim().slice(0, 200),
          ticketId,
          staffId: actor.staffId
        }
      }
    ],
    { db, now }
  );
  return { id, created: true };
}

/** Correct a bill with a reason: the bill keeps its amount, the adjustment says by how much. */
export async function adjustBill(
  actor: Actor,
  id: string,
  form: AdjustmentForm,
  { db = database(), now = Date.now() }: Options = {}
): Promise<string> {
  const value = parseForm(adjustmentForm, form);
  const bill = await db.bill.get(id);
  if (!bill || bill.deleted) refuse('fees.error.noBill');
  const [created] = await write(
    actor,
    [
      {
        op: 'create',
        table: 'billAdjustment',
        value: {
          billId: id,
          unitId: String(bill.unitId),
          ...value,
          staffId: actor.staffId,
          at: now
        }
      }
    ],
    { db, now }
  );
  return created;
}

/** A payment taken at the counter (issue 18 §3): partial, exact or more (then credit). */
export async function recordPayment(
  actor: Actor,
  unitId: string,
  form: PaymentForm,
  { db = database(), now = Date.now() }: Options = {}
): Promise<string> {
  const value = parseForm(paymentForm, form);
  const unit = await unitRow(unitId, db);
  const [id] = await write(
    actor,
    [
      {
        op: 'create',
        table: 'payment',
        value: {
          unitId,
          buildingId: String(unit.buildingId),
          communityId: String(unit.communityId),
          ...value,
          payer: value.payer || undefined,
          note: value.note || undefined,
          staffId: actor.staffId,
          at: now
        }
      }
    ],
    { db, now }
  );
  return id;
}

/** Take a payment back, with the reason: it stays in the history, counting for nothing. */
export async function reversePayment(
  actor: Actor,
  id: string,
  form: { reason: string },
  { db = database(), now = Date.now() }: Options = {}
): Promise<void> {
  const { reason } = parseForm(reversalForm, form);
  const row = await db.payment.get(id);
  if (!row || row.deleted) refuse('fees.error.noPayment');
  if (row.reversal) refuse('fees.error.alreadyReversed');
  await write(
    actor,
    [
      {
        op: 'update',
        table: 'payment',
        id,
        patch: { reversal: { at: now, staffId: actor.staffId, reason } }
      }
    ],
    { db, now }
  );
}

/** Opening balances from the previous system (issue 18 §2); the same sheet twice adds nothing. */
export async function importOpening(
  actor: Actor,
  rows: readonly OpeningRow[],
  { db = database(), now }: Options = {}
): Promise<{ created: number; existing: number }> {
  const units = await db.unit.bulkGet([...new Set(rows.map((r) => r.unitId))]);
  const byId = new Map(units.filter((u): u is StoredRow => !!u).map((u) => [u.id, u]));
  const ids = rows.map((r) => openingBillId(r.unitId, r));
  const have = await db.bill.bulkGet(ids);
  const changes: Change[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const unit = byId.get(r.unitId);
    if (have[i] || !unit || seen.has(ids[i])) return;
    seen.add(ids[i]);
    changes.push({
      op: 'create',
      table: 'bill',
      value: {
        id: ids[i],
        unitId: r.unitId,
        buildingId: String(unit.buildingId),
        communityId: String(unit.communityId),
        source: 'opening',
        period: 'opening',
        periodStart: r.dueDate,
        periodEnd: r.dueDate,
        dueDate: r.dueDate,
        amountFen: r.amountFen,
        note: r.note || undefined,
        staffId: actor.staffId
      }
    });
  });
  if (changes.length) await write(actor, changes, { db, now });
  return { created: changes.length, existing: rows.length - changes.length };
}

/** A reminder sent or printed (催缴通知, 短信), or a call with its outcome (the call list). */
export async function recordContact(
  actor: Actor,
  unitId: string,
  channel: FeeContactChannel,
  owedFen: number,
  form: Partial<CallForm> = {},
  { db = database(), now = Date.now() }: Options = {}
): Promise<string> {
  const call = channel === 'call' ? parseForm(callForm, form) : undefined;
  const [id] = await write(
    actor,
    [
      {
        op: 'create',
        table: 'feeContact',
        value: {
          unitId,
          channel,
          outcome: call?.outcome,
          promisedDate: call?.promisedDate || undefined,
          note: call?.note || undefined,
          owedFen,
          staffId: actor.staffId,
          at: now
        }
      }
    ],
    { db, now }
  );
  return id;
}
