import { describe, expect, it } from 'vitest';
import { WriteError } from '../write-error';
import { arrearsList, unitAccount } from '../queries/fees';
import { indicatorMonths } from '../queries/indicators';
import type { GuanjiaDexie } from '../database';
import { testDatabase } from '../test-db';
import {
  adjustBill,
  billService,
  importOpening,
  recordContact,
  recordPayment,
  reversePayment,
  runBills,
  saveFeeItem,
  serviceBillId
} from './fees';
import { recordIntake, recordStep } from './tickets';
import { desk, engineer, feeOffice, finance, manager } from './fees-fixture';

async function itemId(db: GuanjiaDexie): Promise<string> {
  return (await db.feeItem.toCollection().first())?.id ?? '';
}

async function office() {
  const db = testDatabase();
  const item = await feeOffice(db);
  return { db, item };
}

describe('fee actions', () => {
  it('a year of bills for a community, twice: the second run adds nothing', async () => {
    const { db } = await office();
    expect(await runBills(finance, { communityId: 'c1' }, '2026-01', '2026-12', { db })).toEqual({
      created: 36,
      existing: 0,
      lateFees: 0
    });
    expect(await runBills(finance, { communityId: 'c1' }, '2026-01', '2026-12', { db })).toEqual({
      created: 0,
      existing: 36,
      lateFees: 0
    });
    expect(await db.bill.count()).toBe(36);
    // One unit's run after the community's finds them all.
    expect(await runBills(finance, { unitId: 'u1' }, '2026-06', '2026-06', { db })).toEqual({
      created: 0,
      existing: 1,
      lateFees: 0
    });
  });

  it('payments: partial, credit, reversal with a reason; the desk may take but not reverse', async () => {
    const { db } = await office();
    await runBills(finance, { unitId: 'u1' }, '2026-01', '2026-03', { db }); // 3 × 18,000
    const p1 = await recordPayment(
      desk,
      'u1',
      { amountFen: 20_000, method: 'wechat', receiptNo: 'R-001' },
      { db, now: 1 }
    );
    let account = await unitAccount('u1', db);
    expect(account.ledger).toMatchObject({ chargedFen: 54_000, paidFen: 20_000, openFen: 34_000 });
    await recordPayment(
      desk,
      'u1',
      { amountFen: 40_000, method: 'cash', receiptNo: 'R-002' },
      { db, now: 2 }
    );
    account = await unitAccount('u1', db);
    expect(account.ledger).toMatchObject({ openFen: 0, creditFen: 6_000 });
    await expect(reversePayment(desk, p1, { reason: '重复收款' }, { db })).rejects.toBeInstanceOf(
      WriteError
    );
    await expect(reversePayment(finance, p1, { reason: ' ' }, { db })).rejects.toThrow(
      /validation.required/
    );
    await reversePayment(finance, p1, { reason: '重复收款' }, { db, now: 3 });
    account = await unitAccount('u1', db);
    expect(account.payments).toHaveLength(2);
    expect(account.payments.find((p) => p.id === p1)?.reversal).toMatchObject({
      reason: '重复收款',
      staffId: 'F1'
    });
    expect(account.ledger).toMatchObject({ openFen: 14_000, creditFen: 0 });
    await expect(reversePayment(finance, p1, { reason: 'again' }, { db })).rejects.toThrow(
      /alreadyReversed/
    );
  });

  it('refuses float money and other roles', async () => {
    const { db } = await office();
    await expect(
      recordPayment(desk, 'u1', { amountFen: 100.5, method: 'cash', receiptNo: 'R' }, { db })
    ).rejects.toThrow(/validation.integer/);
    await expect(
      recordPayment(engineer, 'u1', { amountFen: 100, method: 'cash', receiptNo: 'R' }, { db })
    ).rejects.toThrow(/forbidden/);
    await expect(runBills(desk, { unitId: 'u1' }, '2026-01', '2026-01', { db })).rejects.toThrow(
      /forbidden/
    );
    expect(await db.payment.count()).toBe(0);
  });

  it('adjustments with reason and author; opening balances once; arrears with the last call', async () => {
    const { db } = await office();
    await runBills(finance, { communityId: 'c1' }, '2026-01', '2026-02', { db });
    await adjustBill(finance, 'mgmt-x', { amountFen: -100, reason: 'x' }, { db }).catch((e) =>
      expect(e).toBeInstanceOf(WriteError)
    );
    const [bill] = await db.bill.where('unitId').equals('u2').sortBy('dueDate');
    await adjustBill(finance, bill.id, { amountFen: -5_000, reason: '空置减免' }, { db, now: 5 });
    const rows = [
      { row: 2, unitId: 'u3', amountFen: 123_456, dueDate: '2025-03-01', note: '旧系统欠费' }
    ];
    expect(await importOpening(finance, rows, { db })).toEqual({ created: 1, existing: 0 });
    expect(await importOpening(finance, rows, { db })).toEqual({ created: 0, existing: 1 });
    await recordContact(
      desk,
      'u3',
      'call',
      123_456,
      { outcome: 'promised', promisedDate: '2026-07-01' },
      { db, now: 9 }
    );
    await expect(recordContact(desk, 'u3', 'call', 1, {}, { db })).rejects.toThrow(
      /validation.required/
    );
    const list = await arrearsList('2026-06-01', {}, db);
    const u3 = list.rows.find((r) => r.unitId === 'u3');
    expect(u3?.buckets.over12).toBe(123_456);
    expect(u3?.lastContact).toMatchObject({ outcome: 'promised', staffId: 'D1' });
    expect(u3?.code).toBe('3-301');
    const u2 = list.rows.find((r) => r.unitId === 'u2');
    expect(u2?.overdueFen).toBe(2 * 20_000 - 5_000);
    expect(list.buildings[0]).toMatchObject({ code: '3', units: 3 });
  });

  it('the indicators report takes its fee collection rate from the bills due each month', async () => {
    const { db } = await office();
    await runBills(finance, { unitId: 'u1' }, '2026-01', '2026-03', { db }); // 3 × 18,000
    // Oldest bill first: January settled, 2,000 of February.
    await recordPayment(
      desk,
      'u1',
      { amountFen: 20_000, method: 'cash', receiptNo: 'R-1' },
      { db }
    );
    const months = await indicatorMonths('2026-04', 4, db);
    const fee = (m: string) =>
      months.find((x) => x.month === m)?.values.find((v) => v.key === 'feeCollection');
    expect(fee('2026-01')).toMatchObject({ numerator: 18_000, denominator: 18_000, value: 100 });
    expect(fee('2026-02')).toMatchObject({ numerator: 2_000, denominator: 18_000, met: false });
    expect(fee('2026-03')).toMatchObject({ numerator: 0, denominator: 18_000, value: 0 });
    // No bill due in April: nothing receivable, which is not "no fees area".
    expect(fee('2026-04')).toMatchObject({ value: null, noData: 'noRecords' });
  });

  it('late fees: billed by the run on overdue bills of an item with a rule, once a month', async () => {
    const db = testDatabase();
    // 万分之五 a day after 10 grace days, at most 10 %.
    await feeOffice(db, { lateFee: { perDayPerTenThousand: 5, graceDays: 10, capPercent: 10 } });
    await runBills(finance, { unitId: 'u1' }, '2026-01', '2026-01', { db, today: '2026-01-01' });
    // u1: 18,000 due 2026-01-10; 20 days after the grace on 2026-02-09 → 180.
    const feb = await runBills(finance, { unitId: 'u1' }, '2026-02', '2026-02', {
      db,
      today: '2026-02-09'
    });
    expect(feb).toEqual({ created: 1, existing: 0, lateFees: 1 });
    const late = await db.bill.get(
      'mgmt~u1~2026-01~late~2026-02'.replace('mgmt', await itemId(db))
    );
    expect(late).toMatchObject({ source: 'lateFee', amountFen: 180, dueDate: '2026-02-09' });
    // The same month again: nothing new, whatever the day.
    expect(
      await runBills(finance, { unitId: 'u1' }, '2026-02', '2026-02', { db, today: '2026-02-20' })
    ).toEqual({ created: 0, existing: 1, lateFees: 0 });
    // The account shows it; the February bill (not yet due on 02-09) had none of its own.
    const account = await unitAccount('u1', db);
    expect(account.bills.filter((b) => b.source === 'lateFee')).toHaveLength(1);
    expect(account.ledger.openFen).toBe(2 * 18_000 + 180);
    // March: the January bill's late fee since, and February's first; none on late fees.
    await runBills(finance, { unitId: 'u1' }, '2026-03', '2026-03', { db, today: '2026-03-11' });
    const fees = (await unitAccount('u1', db)).bills
      .filter((b) => b.source === 'lateFee')
      .map((b) => [b.lateFeeFor?.split('~').at(-1), b.period, b.amountFen])
      .sort();
    expect(fees).toEqual([
      ['2026-01', '2026-02', 180],
      ['2026-01', '2026-03', 450 - 180], // 50 days after the grace in all
      ['2026-02', '2026-03', 171] // due 02-10, 29 − 10 = 19 days: 18,000 × 5 × 19 ÷ 10,000
    ]);
    // Paid in full: no more late fees.
    await recordPayment(
      desk,
      'u1',
      { amountFen: 3 * 18_000 + 180 + 270 + 171, method: 'cash', receiptNo: 'R-9' },
      { db }
    );
    expect(
      await runBills(finance, { unitId: 'u1' }, '2026-03', '2026-03', { db, today: '2026-06-01' })
    ).toMatchObject({ lateFees: 0 });
    expect((await arrearsList('2026-06-01', {}, db)).rows.find((r) => r.unitId === 'u1')).toBe(
      undefined
    );
  });

  it('bills a finished paid-service request once, at its fee notice price; finance and the manager only', async () => {
    const db = testDatabase();
    await feeOffice(db);
    const service = await saveFeeItem(
      finance,
      {
        name: '有偿服务',
        kind: 'service',
        basis: 'fixed',
        period: 'once',
        dueDay: 1,
        startDate: '2026-01-01',
        unitTypes: ['residential']
      },
      undefined,
      { db }
    );
    const ticket = await recordIntake(
      desk,
      {
        kind: 'paidService',
        channel: 'counter',
        communityId: 'c1',
        unitId: 'u2',
        content: '疏通下水道'
      },
      { db }
    );
    // Not done yet: nothing to bill.
    await expect(billService(finance, ticket, '2026-03-02', { db })).rejects.toMatchObject({
      kind: 'invalid'
    });
    await recordStep(manager, ticket, 'feeNoticeSigned', { price: 120.5 }, { db });
    await recordStep(manager, ticket, 'serviceDone', { record: '已疏通' }, { db });
    await expect(billService(desk, ticket, '2026-03-02', { db })).rejects.toMatchObject({
      kind: 'forbidden'
    });
    expect(await db.bill.count()).toBe(0);
    expect(await billService(finance, ticket, '2026-03-02', { db })).toEqual({
      id: serviceBillId(ticket),
      created: true
    });
    // A second tap, later, by someone else: the same bill, nothing added.
    expect(await billService(manager, ticket, '2026-03-05', { db })).toEqual({
      id: serviceBillId(ticket),
      created: false
    });
    const account = await unitAccount('u2', db);
    expect(account.bills).toHaveLength(1);
    expect(account.bills[0]).toMatchObject({
      source: 'service',
      ticketId: ticket,
      itemId: service,
      amountFen: 12_050,
      dueDate: '2026-03-02'
    });
    expect(account.ledger.openFen).toBe(12_050);
    // Another kind of request is not billed this way.
    const repair = await recordIntake(
      desk,
      { kind: 'repair', channel: 'phone', communityId: 'c1', unitId: 'u2', content: '漏水' },
      { db }
    );
    await expect(billService(finance, repair, '2026-03-02', { db })).rejects.toMatchObject({
      kind: 'invalid'
    });
  });
});
