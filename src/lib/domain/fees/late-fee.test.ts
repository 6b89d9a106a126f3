import { describe, expect, it } from 'vitest';
import {
  lateFeeBillId,
  lateFeeFen,
  lateFeeTarget,
  lateFees,
  planLateFees,
  type PlannedLateFee
} from './late-fee';
import { unitLedger, type LedgerBill, type LedgerPayment } from './ledger';

// 万分之五 a day after 10 grace days, at most 10 % of what is open.
const rule = { perDayPerTenThousand: 5, graceDays: 10, capPercent: 10 };
const ruleOf = (itemId: string) => (itemId === 'mgmt' ? rule : undefined);

const bill = (id: string, dueDate: string, amountFen: number, itemId = 'mgmt'): LedgerBill => ({
  id,
  unitId: 'u1',
  buildingId: 'b1',
  communityId: 'c1',
  itemId,
  dueDate,
  periodStart: `${dueDate.slice(0, 7)}-01`,
  amountFen
});
const pay = (amountFen: number, at = 1): LedgerPayment => ({ unitId: 'u1', amountFen, at });

/** The late-fee bills a run on `today` makes for u1, given its bills and payments. */
function run(bills: LedgerBill[], today: string, payments: LedgerPayment[] = []): PlannedLateFee[] {
  const ledger = unitLedger('u1', bills, [], payments);
  return planLateFees(
    [{ unitId: 'u1', buildingId: 'b1', communityId: 'c1', ledger }],
    ruleOf,
    today,
    'F1'
  );
}

/** A planned late fee as the ledger reads it once stored. */
const stored = (p: PlannedLateFee): LedgerBill => ({ ...p });

describe('late fees billed by the run', () => {
  const jan = bill('mgmt~u1~2026-01', '2026-01-10', 18_000);

  it('nothing on the last grace day, the first day after it one day of 万分之五', () => {
    expect(run([jan], '2026-01-20')).toEqual([]);
    const [fee] = run([jan], '2026-01-21');
    expect(fee).toMatchObject({
      id: lateFeeBillId(jan.id, '2026-01'),
      source: 'lateFee',
      lateFeeFor: jan.id,
      itemId: 'mgmt',
      dueDate: '2026-01-21',
      periodStart: '2026-01-10',
      amountFen: 9 // 18,000 × 5 × 1 ÷ 10,000
    });
    expect(lateFeeTarget(fee.id)).toBe(jan.id);
    expect(lateFeeTarget(jan.id)).toBeUndefined();
  });

  it('a later run bills only what accrued since: the sum is the rule over every day', () => {
    const first = run([jan], '2026-02-09'); // 30 − 10 = 20 days → 180
    expect(first.map((f) => f.amountFen)).toEqual([180]);
    const second = run([jan, stored(first[0])], '2026-03-11'); // 60 − 10 = 50 days → 450
    expect(second.map((f) => [f.id, f.amountFen])).toEqual([
      [lateFeeBillId(jan.id, '2026-03'), 270]
    ]);
    expect(180 + 270).toBe(lateFeeFen(18_000, '2026-01-10', '2026-03-11', rule));
  });

  it('never compounds: a late-fee bill, however overdue, runs up no late fee of its own', () => {
    const first = run([jan], '2026-02-09');
    const later = run([jan, stored(first[0])], '2027-06-01');
    expect(later).toHaveLength(1);
    expect(later[0].lateFeeFor).toBe(jan.id);
  });

  it('stops at the cap: the day the cap is reached, and nothing after it', () => {
    // 9 fen a day; the cap is 1,800 (10 % of 18,000), reached after 200 days past the grace.
    const atCap = run([jan], '2026-08-08'); // 210 days late → 200 after grace
    expect(atCap[0].amountFen).toBe(1_800);
    const dayBefore = run([jan], '2026-08-07');
    expect(dayBefore[0].amountFen).toBe(1_791);
    expect(run([jan, stored(atCap[0])], '2027-12-31')).toEqual([]);
  });

  it('a bill paid in full, an item without a rule, or a bill not yet due: no late fee', () => {
    const parking = bill('park~u1~2026-01', '2026-01-10', 15_000, 'park');
    expect(run([parking], '2026-06-01')).toEqual([]);
    expect(run([jan], '2026-06-01', [pay(18_000)])).toEqual([]);
    expect(run([bill('mgmt~u1~2026-06', '2026-06-10', 18_000)], '2026-06-01')).toEqual([]);
  });

  it('a part payment lowers what accrues: worked out on what is still open', () => {
    // 9,000 open of 18,000, 20 days after grace → 9,000 × 5 × 20 ÷ 10,000 = 90 (not 180).
    expect(run([jan], '2026-02-09', [pay(9_000)]).map((f) => f.amountFen)).toEqual([90]);
  });

  it('a late fee waived by an adjustment stays waived (charged amounts count, not net)', () => {
    const first = run([jan], '2026-02-09');
    const ledger = unitLedger(
      'u1',
      [jan, stored(first[0])],
      [{ billId: first[0].id, amountFen: -180 }],
      []
    );
    const state = lateFees(ledger, ruleOf, '2026-02-09').get(jan.id);
    expect(state).toMatchObject({
      accruedFen: 180,
      billedFen: 180,
      openBilledFen: 0,
      unbilledFen: 0
    });
  });

  it('the same records and day give the same bills (two tablets, or a second run)', () => {
    expect(run([jan], '2026-04-01')).toEqual(run([jan], '2026-04-01'));
  });
});
